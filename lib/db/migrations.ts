// Applies Prisma migration folders ourselves, in-process: `CREATE SCHEMA`, each pending `migration.sql`
// and a `_prisma_migrations` row per migration, all in ONE transaction per schema. That takes tens of
// milliseconds where a `prisma migrate deploy` subprocess takes a second or more, and it writes the same
// bookkeeping, so `prisma migrate status` and `deploy` keep working on every schema.
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { databaseConfig } from "@/lib/db/config";
import { inTransaction } from "@/lib/db/pools";
import { splitSqlStatements, SqlSplitError } from "@/lib/db/sql-statements";
import { quoteIdent } from "@/lib/db/quote-ident";

/** A migration folder: its file exactly as written (the checksum is Prisma's) and that file's statements. */
export type Migration = { name: string; sql: string; checksum: string; statements: string[] };
export type MigrationSet = "public" | "tenant";
export type MigrateResult = { schema: string; applied: string[] };

export class MigrationError extends Error {
  constructor(
    readonly schema: string,
    readonly migration: string,
    readonly cause: unknown,
  ) {
    super(`${schema}: migration ${migration} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "MigrationError";
  }
}

const cache = new Map<string, Migration[]>();

export function migrationsDir(set: MigrationSet): string {
  return path.join(databaseConfig().migrationsRoot, set, "migrations");
}

/** The migrations of a folder in the order Prisma applies them (by folder name). */
export function loadMigrations(dir: string): Migration[] {
  let migrations = cache.get(dir);
  if (!migrations) {
    migrations = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
      .map((entry) => entry.name)
      .sort()
      .map((name) => {
        const file = path.join(dir, name, "migration.sql");
        const sql = readFileSync(file, "utf8");
        return { name, sql, checksum: createHash("sha256").update(sql).digest("hex"), statements: statementsOf(file, sql) };
      });
    cache.set(dir, migrations);
  }
  return migrations;
}

function statementsOf(file: string, sql: string): string[] {
  try {
    return splitSqlStatements(sql);
  } catch (error) {
    if (!(error instanceof SqlSplitError)) throw error;
    const line = sql.slice(0, error.offset).split("\n").length;
    throw new Error(`${file}:${line}: ${error.message}`);
  }
}

/** Prisma Migrate's own bookkeeping table, exactly as it creates it. */
const MIGRATIONS_TABLE = `(
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * Applies the pending migrations to `schema` inside the caller's open transaction (create the schema
 * if missing). The caller commits, or rolls back and nothing of it remains.
 */
export async function applyMigrationsInTransaction(
  client: pg.ClientBase,
  schema: string,
  migrations: Migration[],
): Promise<string[]> {
  const q = quoteIdent(schema);
  // Serialises concurrent migrators of the same schema (two deploys, a CLI and the admin UI).
  await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`migrate:${schema}`]);
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${q}`);
  await client.query(`SET LOCAL search_path TO ${q}`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${q}."_prisma_migrations" ${MIGRATIONS_TABLE}`);
  const { rows } = await client.query<{ migration_name: string }>(
    `SELECT migration_name FROM ${q}."_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const done = new Set(rows.map((r) => r.migration_name));
  const applied: string[] = [];
  for (const migration of migrations) {
    if (done.has(migration.name)) continue;
    try {
      // One statement per query: Citus refuses a multi-statement query (it forwards it as one prepared
      // statement). Inside the caller's transaction this is as atomic as sending the file whole.
      for (const statement of migration.statements) await client.query(statement);
    } catch (error) {
      throw new MigrationError(schema, migration.name, error);
    }
    await client.query(
      `INSERT INTO ${q}."_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    applied.push(migration.name);
  }
  return applied;
}

/** Migrates one schema in its own transaction: all pending migrations land, or none do. */
export async function migrateSchema(pool: pg.Pool, schema: string, migrations: Migration[]): Promise<MigrateResult> {
  const applied = await inTransaction(pool, (client) => applyMigrationsInTransaction(client, schema, migrations));
  return { schema, applied };
}
