// A registry of its own for tests that run the migrate CLI over `--all`: a scratch database with the
// shared schema and tenants made directly, so the run touches no other test file's tenants.
import path from "node:path";
import pg from "pg";
import { loadMigrations, migrateSchema } from "@/lib/db/migrations";
import { quoteIdent } from "@/lib/tenancy/schema-name";
import { createScratchDatabase } from "./database";
import { copyMigrationsRoot } from "./migrations-root";

export type ScratchRegistry = {
  url: string;
  directUrl: string;
  /** What a CLI run on this registry needs: DATABASE_URL and DIRECT_URL. */
  env: { DATABASE_URL: string; DIRECT_URL: string };
  /** A direct pool, for the tests' own checks. */
  pool: pg.Pool;
  /** Registers and migrates tenants, as many at once as the pool allows. */
  addTenants: (...slugs: string[]) => Promise<void>;
  drop: () => Promise<void>;
};

export async function createScratchRegistry(prefix: string): Promise<ScratchRegistry> {
  const database = await createScratchDatabase(process.env.TEST_SERVER_URL!, prefix, process.env.TEST_DIRECT_SERVER_URL);
  const pool = new pg.Pool({ connectionString: database.directUrl, max: 4 });
  await migrateSharedSchema(pool);
  return {
    url: database.url,
    directUrl: database.directUrl,
    env: { DATABASE_URL: database.url, DIRECT_URL: database.directUrl },
    pool,
    addTenants: async (...slugs) => {
      const migrations = loadMigrations(path.resolve("prisma/tenant/migrations"));
      await Promise.all(
        slugs.map(async (slug) => {
          await pool.query(`INSERT INTO public."Tenant" (slug, name) VALUES ($1, $1)`, [slug]);
          await migrateSchema(pool, slug, migrations);
        }),
      );
    },
    drop: async () => {
      await pool.end();
      await database.drop();
    },
  };
}

/** A copy of `prisma/` with one extra tenant migration; `rewrite` replaces its SQL (the "fix"). */
export function migrationsWithExtra(name: string, sql: string) {
  const copy = copyMigrationsRoot({ [name]: sql });
  return { root: copy.root, rewrite: (text: string) => copy.write(name, text), remove: copy.remove };
}

/** Whether a table, a column and a `_prisma_migrations` row exist in a schema: all or none, never some. */
export async function schemaState(pool: pg.Pool, schema: string, table: string, column: { table: string; name: string } | null, migration: string) {
  const { rows } = await pool.query<{ table: boolean; column: boolean; recorded: boolean }>(
    `SELECT to_regclass($1) IS NOT NULL AS table,
            EXISTS (SELECT 1 FROM information_schema.columns
                     WHERE table_schema = $2 AND table_name = $3 AND column_name = $4) AS column,
            EXISTS (SELECT 1 FROM ${quoteIdent(schema)}."_prisma_migrations" WHERE migration_name = $5 AND finished_at IS NOT NULL) AS recorded`,
    [`${quoteIdent(schema)}.${quoteIdent(table)}`, schema, column?.table ?? "", column?.name ?? "", migration],
  );
  return rows[0];
}

/** Applies the repository's shared-schema migrations to the database behind `pool`. */
export async function migrateSharedSchema(pool: pg.Pool): Promise<void> {
  await migrateSchema(pool, "public", loadMigrations(path.resolve("prisma/public/migrations")));
}
