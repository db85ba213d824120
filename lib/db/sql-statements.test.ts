import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrationsInTransaction, loadMigrations, migrationsDir } from "@/lib/db/migrations";
import { closePools, poolFor } from "@/lib/db/pools";
import { defaultServerUrl } from "@/lib/db/public-db";
import { splitSqlStatements } from "@/lib/db/sql-statements";
import { quoteIdent } from "@/lib/db/quote-ident";
import { uniqueSlug } from "@/test/tenants";

afterAll(() => closePools());

/** Every migration.sql under prisma/<set>/migrations/, so a new one is covered without touching this file. */
function repositoryMigrations(): { set: string; file: string }[] {
  return readdirSync("prisma", { withFileTypes: true })
    .filter((set) => set.isDirectory() && existsSync(path.join("prisma", set.name, "migrations")))
    .flatMap((set) =>
      readdirSync(path.join("prisma", set.name, "migrations")).map((name) => ({
        set: set.name,
        file: path.join("prisma", set.name, "migrations", name, "migration.sql"),
      })),
    )
    .filter(({ file }) => existsSync(file));
}

describe("splitSqlStatements", () => {
  it("splits on semicolons and drops the blanks between statements", () => {
    expect(splitSqlStatements("CREATE TABLE a (id int);\n\n  CREATE TABLE b (id int) ;;\n")).toEqual([
      "CREATE TABLE a (id int)",
      "CREATE TABLE b (id int)",
    ]);
  });

  it("keeps a last statement that has no semicolon", () => {
    expect(splitSqlStatements("SELECT 1; SELECT 2")).toEqual(["SELECT 1", "SELECT 2"]);
  });

  it.each([
    ["a semicolon in a string", "INSERT INTO t VALUES ('a;b'); SELECT 1", ["INSERT INTO t VALUES ('a;b')", "SELECT 1"]],
    ["a doubled quote in a string", "SELECT 'it''s; fine'; SELECT 2", ["SELECT 'it''s; fine'", "SELECT 2"]],
    ["a backslash-escaped quote in an E string", "SELECT E'it\\'s; fine'; SELECT 2", ["SELECT E'it\\'s; fine'", "SELECT 2"]],
    ["a backslash in a standard string (no escape)", "SELECT 'C:\\'; SELECT 2", ["SELECT 'C:\\'", "SELECT 2"]],
    ["an identifier ending in e before a string", "SELECT name'x;y' FROM t; SELECT 2", ["SELECT name'x;y' FROM t", "SELECT 2"]],
    ["a semicolon in a quoted identifier", 'CREATE TABLE "a;""b" (id int); SELECT 2', ['CREATE TABLE "a;""b" (id int)', "SELECT 2"]],
    ["a semicolon in a line comment", "SELECT 1 -- one; two\n; SELECT 2", ["SELECT 1 -- one; two", "SELECT 2"]],
    ["a semicolon in a nested block comment", "SELECT 1 /* a /* b; */ c; */; SELECT 2", ["SELECT 1 /* a /* b; */ c; */", "SELECT 2"]],
    [
      "a $$ body",
      "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql; SELECT 2",
      ["CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql", "SELECT 2"],
    ],
    [
      "a $tag$ body holding $$ and quotes",
      "DO $body$ BEGIN RAISE NOTICE '$$;'; PERFORM 1; END $body$; SELECT 2",
      ["DO $body$ BEGIN RAISE NOTICE '$$;'; PERFORM 1; END $body$", "SELECT 2"],
    ],
    ["a parameter, not a dollar quote", "SELECT $1; SELECT $2", ["SELECT $1", "SELECT $2"]],
    ["a $ inside an identifier", "SELECT a$b$ FROM t; SELECT 2", ["SELECT a$b$ FROM t", "SELECT 2"]],
    ["a quote inside a comment", "-- don't\nSELECT 1; SELECT 2", ["-- don't\nSELECT 1", "SELECT 2"]],
  ])("does not end a statement at %s", (_what, sql, expected) => {
    expect(splitSqlStatements(sql)).toEqual(expected);
  });

  it("drops a stretch that holds only comments", () => {
    expect(splitSqlStatements("SELECT 1;\n-- the end; really\n/* nothing; here */\n")).toEqual(["SELECT 1"]);
  });

  it.each([
    ["string", "SELECT 'oops; SELECT 2", /unterminated string/],
    ["E string", "SELECT E'oops\\'; SELECT 2", /unterminated string/],
    ["identifier", 'SELECT "oops; SELECT 2', /unterminated quoted identifier/],
    ["block comment", "SELECT 1 /* /* */ ; SELECT 2", /unterminated \/\* comment/],
    ["dollar-quoted body", "DO $x$ BEGIN END $y$; SELECT 2", /unterminated dollar-quoted body \$x\$/],
  ])("refuses an unterminated %s rather than guess", (_what, sql, message) => {
    expect(() => splitSqlStatements(sql)).toThrow(message);
  });

  it("refuses a BEGIN ATOMIC body, whose inner semicolons are unquoted", () => {
    expect(() => splitSqlStatements("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;")).toThrow(/BEGIN ATOMIC/);
  });
});

describe("every migration in the repository", () => {
  const migrations = repositoryMigrations();

  it("finds the migration folders", () => {
    expect(migrations.map((m) => m.set)).toEqual(expect.arrayContaining(["public", "tenant"]));
  });

  it.each(migrations)("$file splits into statements that each stand alone", ({ file }) => {
    const statements = splitSqlStatements(readFileSync(file, "utf8"));
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) expect(splitSqlStatements(statement)).toEqual([statement]);
  });

  // The extended protocol refuses a multi-statement query as Citus does ("cannot insert multiple
  // commands into a prepared statement"), so plain PostgreSQL shows whether each query is one statement.
  it.each(["public", "tenant"] as const)("the %s set applies one statement per query, to the same tables as the file sent whole", async (set) => {
    const pool = poolFor(defaultServerUrl());
    const [split, whole] = [uniqueSlug("split"), uniqueSlug("whole")];
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await applyMigrationsInTransaction(preparedOnly(client), split, loadMigrations(migrationsDir(set)));
      await client.query("COMMIT");
      // The reference: each file sent whole, into a plain schema (on Citus, one kept on the coordinator).
      await client.query(`SET citus.enable_schema_based_sharding = off; CREATE SCHEMA ${quoteIdent(whole)}; SET search_path TO ${quoteIdent(whole)}`);
      for (const migration of loadMigrations(migrationsDir(set))) await client.query(migration.sql);
      await client.query("RESET search_path; RESET citus.enable_schema_based_sharding");
      const shape = await schemaShape(client, whole);
      expect(shape.length).toBeGreaterThan(10);
      expect((await schemaShape(client, split)).filter((row) => !row.includes("_prisma_migrations"))).toEqual(shape);
    } finally {
      await client.query("ROLLBACK").catch(() => {});
      await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(split)} CASCADE; DROP SCHEMA IF EXISTS ${quoteIdent(whole)} CASCADE`);
      client.release();
    }
  });
});

/** A client whose every query goes through the extended protocol, as Citus forwards them to its workers. */
function preparedOnly(client: pg.PoolClient): pg.PoolClient {
  return new Proxy(client, {
    get(target, key) {
      if (key !== "query") return Reflect.get(target, key);
      return (text: string, values?: unknown[]) => target.query({ text, values, queryMode: "extended" } as pg.QueryConfig);
    },
  });
}

/** The schema's columns, constraints and indexes, with the schema's own name taken out. */
async function schemaShape(client: pg.PoolClient, schema: string): Promise<string[]> {
  const { rows } = await client.query<{ line: string }>(
    `SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull
              || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') AS line
       FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
      WHERE c.relnamespace = $1::text::regnamespace AND c.relkind = 'r'
     UNION ALL
     SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = $1::text::regnamespace
     UNION ALL
     SELECT indexdef FROM pg_indexes WHERE schemaname = $1::text
     ORDER BY 1`,
    [schema],
  );
  return rows.map((row) => row.line.replaceAll(`${schema}.`, "").replaceAll(quoteIdent(schema), "").replaceAll(`"${schema}".`, ""));
}
