// What clone, export, import and move know of a tenant's schema, read from PostgreSQL's catalog rather
// than written down: its tables in foreign-key order (parents first), their columns and primary keys,
// the sequences behind serial ids, each table's checksum, and the migrations applied to it.
import type pg from "pg";
import { quoteIdent } from "@/lib/db/quote-ident";
import { TenancyError } from "@/lib/tenancy/errors";
import { tenantMigrations } from "@/lib/tenancy/migrate";

export const MIGRATIONS_TABLE = "_prisma_migrations";
/** Tables named `_tenant_…` are the portability tools' own bookkeeping (a move's change log), never data. */

/** A connection or a pool: these reads need no transaction of their own. */
export type Queryable = pg.ClientBase | pg.Pool;

export type TableInfo = { name: string; columns: string[]; primaryKey: string };
export type SequenceState = { table: string; column: string; lastValue: string; isCalled: boolean };
export type TableChecksum = { table: string; rows: number; checksum: string };

/** The schema's data tables (all but `_prisma_migrations`), each after every table it references. */
export async function readTables(client: Queryable, schema: string): Promise<TableInfo[]> {
  const { rows } = await client.query<{ name: string; columns: string[]; primary_key: string[] | null; parents: string[] }>(
    `SELECT c.relname AS name,
            array(SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                   ORDER BY a.attnum)::text[] AS columns,
            (SELECT array_agg(a.attname ORDER BY a.attnum)::text[] FROM pg_constraint k
               JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
              WHERE k.conrelid = c.oid AND k.contype = 'p') AS primary_key,
            array(SELECT DISTINCT p.relname FROM pg_constraint f JOIN pg_class p ON p.oid = f.confrelid
                   WHERE f.conrelid = c.oid AND f.contype = 'f' AND f.confrelid <> c.oid)::text[] AS parents
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname <> $2 AND c.relname NOT LIKE '\\_tenant\\_%'
      ORDER BY c.relname`,
    [schema, MIGRATIONS_TABLE],
  );
  const byName = new Map(rows.map((row) => [row.name, row]));
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  const place = (name: string, path: string[]) => {
    if (placed.has(name) || !byName.has(name)) return;
    if (path.includes(name)) throw new Error(`tables of "${schema}" reference each other in a cycle: ${[...path, name].join(" → ")}`);
    const row = byName.get(name)!;
    for (const parent of row.parents) place(parent, [...path, name]);
    if (!row.primary_key || row.primary_key.length !== 1) {
      throw new Error(`table "${schema}"."${name}" needs a one-column primary key to be copied`);
    }
    ordered.push({ name, columns: row.columns, primaryKey: row.primary_key[0] });
    placed.add(name);
  };
  for (const row of rows) place(row.name, []);
  return ordered;
}

/** Every sequence owned by a column of the schema's tables, with where it stands. */
export async function readSequences(client: Queryable, schema: string): Promise<SequenceState[]> {
  const { rows } = await client.query<{ table: string; column: string; sequence: string }>(
    `SELECT t.relname AS table, a.attname AS column, s.relname AS sequence
       FROM pg_class s JOIN pg_depend d ON d.objid = s.oid AND d.deptype = 'a'
       JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
       JOIN pg_namespace n ON n.oid = s.relnamespace
      WHERE s.relkind = 'S' AND n.nspname = $1 AND t.relname NOT LIKE '\\_tenant\\_%' ORDER BY t.relname, a.attname`,
    [schema],
  );
  const states: SequenceState[] = [];
  for (const row of rows) {
    const { rows: [state] } = await client.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text, is_called FROM ${quoteIdent(schema)}.${quoteIdent(row.sequence)}`,
    );
    states.push({ table: row.table, column: row.column, lastValue: state.last_value, isCalled: state.is_called });
  }
  return states;
}

/** Puts each sequence where `states` says, so new rows continue after the copied ids. */
export async function restoreSequences(client: Queryable, schema: string, states: SequenceState[]): Promise<void> {
  for (const state of states) {
    await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), $3::bigint, $4)`, [
      `${quoteIdent(schema)}.${quoteIdent(state.table)}`,
      state.column,
      state.lastValue,
      state.isCalled,
    ]);
  }
}

/**
 * Row count and a checksum of every row's text, in primary-key order: equal on two servers (of the same
 * PostgreSQL major version) exactly when the tables hold the same rows.
 */
export async function tableChecksums(client: Queryable, schema: string, tables: TableInfo[]): Promise<TableChecksum[]> {
  const sums: TableChecksum[] = [];
  for (const table of tables) {
    const { rows: [row] } = await client.query<{ rows: string; checksum: string }>(
      `SELECT count(*)::text AS rows, md5(coalesce(string_agg(md5(t::text), '' ORDER BY t.${quoteIdent(table.primaryKey)}), '')) AS checksum
         FROM ${quoteIdent(schema)}.${quoteIdent(table.name)} t`,
    );
    sums.push({ table: table.name, rows: Number(row.rows), checksum: row.checksum });
  }
  return sums;
}

/** The names of the migrations applied to a schema, in order. */
export async function appliedMigrations(client: Queryable, schema: string): Promise<string[]> {
  const { rows } = await client.query<{ migration_name: string }>(
    `SELECT migration_name FROM ${quoteIdent(schema)}.${quoteIdent(MIGRATIONS_TABLE)}
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return rows.map((r) => r.migration_name);
}

/**
 * Refuses a source schema whose migrations are not exactly this code's: a copy is made by running this
 * code's migrations, so the source must be at the same state (pending ones: migrate first; unknown ones:
 * this code is older).
 */
export async function requireMigratedAsCode(client: Queryable, schema: string): Promise<void> {
  const applied = await appliedMigrations(client, schema);
  const known = tenantMigrations().map((m) => m.name);
  const unknown = applied.filter((name) => !known.includes(name));
  if (unknown.length) throw new TenancyError("conflict", `"${schema}" has migration ${unknown[0]}, unknown to this version of the app`);
  const pending = known.filter((name) => !applied.includes(name));
  if (pending.length) {
    throw new TenancyError("conflict", `"${schema}" has ${pending.length} pending migration(s): run \`npm run migrate -- --tenant ${schema}\` first`);
  }
}

export function columnList(table: TableInfo): string {
  return table.columns.map(quoteIdent).join(", ");
}

export function qualified(schema: string, table: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}
