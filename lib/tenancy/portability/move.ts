// Moving a tenant to another PostgreSQL server while it keeps serving (decision 036):
//   1. a change log: a trigger on each of the source's tables records the id of every row written
//   2. the bulk copy: the migrations make the schema on the target, COPY streams every table across from
//      one snapshot of the source (reads and writes go on meanwhile)
//   3. catch-up rounds: the rows the log names are copied again (or deleted) until few are left
//   4. the window: maintenance mode on (every instance hears it at once), a write fence on the source's
//      tables (which waits for writes in flight), the last catch-up, sequences, then row counts and
//      checksums compared table by table, and the registry switched to the target with maintenance off
//   5. after the registry cache's lifetime (no instance can still be reading the old copy), the old
//      schema is dropped.
// Any failure before the switch puts everything back: the target's schema dropped, the source's log,
// triggers and fence removed, maintenance off unless the tenant was in it already. The tenant serves from
// where it was, with all its data.
import type pg from "pg";
import { z } from "zod";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { isCitus } from "@/lib/db/citus";
import { applyMigrationsInTransaction } from "@/lib/db/migrations";
import { inTransaction, poolFor, redact } from "@/lib/db/pools";
import { messageOf } from "@/lib/db/errors";
import { quoteIdent } from "@/lib/db/quote-ident";
import { tenantMigrations } from "@/lib/tenancy/migrate";
import { TenancyError } from "@/lib/tenancy/errors";
import { invalidateTenantCache, TENANT_CACHE_TTL_MS, type Tenant } from "@/lib/tenancy/registry";
import { forgetTenantDb } from "@/lib/tenancy/tenant-db";
import { endMaintenance, fenceWrites, startMaintenance, unfenceWrites } from "@/lib/tenancy/maintenance";
import { registryPool, tenantDirectUrl } from "@/lib/tenancy/servers";
import {
  columnList,
  qualified,
  readSequences,
  readTables,
  requireMigratedAsCode,
  restoreSequences,
  tableChecksums,
  type TableInfo,
} from "@/lib/tenancy/portability/tables";

export type MoveOptions = {
  /** Progress lines for a terminal. */
  onStep?: (message: string) => void;
  /** How long to wait after the switch before dropping the old schema; the registry cache's lifetime by default. */
  dropAfterMs?: number;
  /** Test hook: runs just before the window opens (e.g. to stop the target server). */
  beforeWindow?: () => Promise<void>;
};
export type MoveReport = {
  slug: string;
  from: string;
  to: string;
  rows: number;
  catchUpRounds: number;
  /** From maintenance on to the registry switched (maintenance off). */
  maintenanceMs: number;
  totalMs: number;
};

const LOG = "_tenant_move_changes";
const CAPTURE = "_tenant_move_capture";
const MAX_ROUNDS = 8;
const SMALL_ENOUGH = 200; // changes left for the window

const targetSchema = z.union([z.literal("default"), z.url({ protocol: /^postgres(ql)?$/, error: "--to must be a postgresql:// URL or default" })]);

export async function moveTenant(slug: string, to: string, options: MoveOptions = {}): Promise<MoveReport> {
  const step = options.onStep ?? (() => {});
  const started = performance.now();
  const parsedTo = targetSchema.safeParse(to);
  if (!parsedTo.success) throw new TenancyError("invalid", parsedTo.error.issues[0].message);
  const targetUrl = parsedTo.data === "default" ? null : parsedTo.data;
  const registry = registryPool();
  const { rows: [tenant] } = await registry.query<Tenant & { inMaintenance: boolean }>(
    `SELECT id, slug, name, "databaseUrl", "maintenanceSince" IS NOT NULL AS "inMaintenance" FROM public."Tenant" WHERE slug = $1`,
    [slug],
  );
  if (!tenant) throw new TenancyError("not_found", `No tenant "${slug}"`);
  const sourceServer = tenantDirectUrl(tenant);
  const targetServer = tenantDirectUrl({ databaseUrl: targetUrl });
  const describeTarget = targetUrl ? redact(targetServer) : "the default server";
  if (sourceServer === targetServer) throw new TenancyError("conflict", `tenant "${slug}" is already on ${describeTarget}`);

  const source = poolFor(sourceServer);
  const target = poolFor(targetServer);
  await target.query("SELECT 1").catch((error: Error & { code?: string }) => {
    throw new TenancyError("conflict", `cannot reach ${describeTarget}: ${error.code ?? messageOf(error)}`);
  });
  // The change capture and the write fence are triggers, which Citus refuses on distributed tables; a
  // Citus cluster moves a tenant's schema between its workers itself.
  for (const [pool, which] of [[source, "its server"], [target, describeTarget]] as const) {
    if (await isCitus(pool)) throw new TenancyError("conflict", `${which} is a Citus cluster: move "${slug}" between its workers with --to-node`);
  }
  let targetSchemaMade = false;
  let maintenanceStarted = false;
  let switched = false;
  try {
    await dropLeftover(target, slug, tenant.id);
    const taken = await target.query("SELECT 1 FROM pg_namespace WHERE lower(nspname) = lower($1)", [slug]);
    if (taken.rowCount) throw new TenancyError("conflict", `${describeTarget} already has a schema named "${slug}"`);
    await requireMigratedAsCode(source, slug);
    const tables = await readTables(source, slug);

    step("recording changes on the source");
    await installChangeLog(source, slug, tables);

    step(`copying ${tables.length} tables to ${describeTarget}`);
    await inTransaction(target, async (client) => {
      targetSchemaMade = true;
      await applyMigrationsInTransaction(client, slug, tenantMigrations());
      // Marks the copy as unfinished: a move that could not clean up (its target went away) is retried.
      await client.query(`COMMENT ON SCHEMA ${quoteIdent(slug)} IS ${quoteLiteral(leftoverMark(tenant.id))}`);
    });
    const rows = await bulkCopy(source, target, slug, tables);

    let rounds = 0;
    for (; rounds < MAX_ROUNDS; rounds++) {
      const changed = await catchUp(source, target, slug, tables);
      step(`catch-up ${rounds + 1}: ${changed} changed rows`);
      if (changed < SMALL_ENOUGH) break;
    }

    await options.beforeWindow?.();
    step("maintenance on, fencing writes on the source");
    const windowStart = performance.now();
    if (!tenant.inMaintenance) {
      await startMaintenance(slug, `${tenant.name} is moving to another server and will be back in a moment.`);
      maintenanceStarted = true;
    }
    await inTransaction(source, (client) => fenceWrites(client, slug, tables.map((t) => t.name)));
    await catchUp(source, target, slug, tables);
    await restoreSequences(target, slug, await readSequences(source, slug));
    await verify(source, target, slug, tables);

    await target.query(`COMMENT ON SCHEMA ${quoteIdent(slug)} IS NULL`);
    step("switching the registry");
    // Only from where this move found it: a tenant deleted or moved meanwhile is not switched (and its source kept).
    const { rowCount } = await registry.query(
      `UPDATE public."Tenant" SET "databaseUrl" = $2${maintenanceStarted ? `, "maintenanceSince" = NULL, "maintenanceMessage" = NULL` : ""}
        WHERE id = $1 AND "databaseUrl" IS NOT DISTINCT FROM $3`,
      [tenant.id, targetUrl, tenant.databaseUrl],
    );
    if (rowCount !== 1) throw new TenancyError("conflict", `"${slug}" was deleted or moved while this move ran; nothing changed`);
    switched = true;
    await invalidateTenantCache();
    const maintenanceMs = performance.now() - windowStart;

    // Until every instance's cached entry has expired, one may still read the old copy (fenced, unchanged).
    const wait = options.dropAfterMs ?? TENANT_CACHE_TTL_MS + 1_000;
    step(`dropping the old schema in ${(wait / 1000).toFixed(0)} s`);
    await new Promise((resolve) => setTimeout(resolve, wait));
    await source.query(`DROP SCHEMA ${quoteIdent(slug)} CASCADE`);
    forgetTenantDb({ slug, databaseUrl: tenant.databaseUrl });
    return { slug, from: redact(sourceServer), to: describeTarget, rows, catchUpRounds: rounds + 1, maintenanceMs, totalMs: performance.now() - started };
  } catch (error) {
    // A switch whose commit happened but whose answer was lost is a switch: read the registry before undoing.
    const landed = switched || (await registryNames(registry, tenant.id, targetUrl));
    if (landed === null) {
      throw new TenancyError("conflict", `move of "${slug}" stopped at the registry switch (${messageOf(error)}); both copies are kept: check its databaseUrl, then drop the copy it does not name`);
    }
    if (landed && switched) throw new TenancyError("conflict", `moved, but the old schema on ${redact(sourceServer)} could not be dropped: ${messageOf(error)}`);
    if (landed) {
      // The switch committed but its answer was lost, so nobody has told the other instances yet.
      await invalidateTenantCache().catch(() => {});
      throw new TenancyError(
        "conflict",
        `moved (the registry's answer to the switch was lost: ${messageOf(error)}); the old schema on ${redact(sourceServer)} is kept, fenced: drop it once every instance's cache has expired`,
      );
    }
    step(`failed (${messageOf(error)}); rolling back`);
    await undo(source, slug).catch(() => {});
    if (targetSchemaMade) await target.query(`DROP SCHEMA IF EXISTS ${quoteIdent(slug)} CASCADE`).catch(() => {});
    if (maintenanceStarted) await endMaintenance(slug).catch(() => {});
    if (error instanceof TenancyError) throw error;
    throw new TenancyError("conflict", `move of "${slug}" failed, nothing changed: ${messageOf(error)}`);
  }
}

/** Whether the registry places the tenant at `databaseUrl`; null when the registry cannot be read. */
async function registryNames(registry: pg.Pool, id: number, databaseUrl: string | null): Promise<boolean | null> {
  try {
    const { rows } = await registry.query<{ databaseUrl: string | null }>(`SELECT "databaseUrl" FROM public."Tenant" WHERE id = $1`, [id]);
    return rows.length === 1 && rows[0].databaseUrl === databaseUrl;
  } catch {
    return null;
  }
}

/** A log table and a row trigger on each table recording the primary key of every row written. */
async function installChangeLog(source: pg.Pool, slug: string, tables: TableInfo[]): Promise<void> {
  const s = quoteIdent(slug);
  await inTransaction(source, async (client) => {
    await client.query(`CREATE TABLE ${s}.${LOG} (seq bigserial PRIMARY KEY, tbl text NOT NULL, id text NOT NULL)`);
    await client.query(
      `CREATE FUNCTION ${s}.${CAPTURE}() RETURNS trigger LANGUAGE plpgsql AS $capture$
       BEGIN
         IF TG_OP <> 'INSERT' THEN INSERT INTO ${s}.${LOG} (tbl, id) VALUES (TG_TABLE_NAME, to_jsonb(OLD) ->> TG_ARGV[0]); END IF;
         IF TG_OP <> 'DELETE' THEN INSERT INTO ${s}.${LOG} (tbl, id) VALUES (TG_TABLE_NAME, to_jsonb(NEW) ->> TG_ARGV[0]); END IF;
         RETURN NULL;
       END $capture$`,
    );
    for (const table of tables) {
      await client.query(
        `CREATE TRIGGER ${CAPTURE} AFTER INSERT OR UPDATE OR DELETE ON ${qualified(slug, table.name)}
         FOR EACH ROW EXECUTE FUNCTION ${s}.${CAPTURE}(${quoteLiteral(table.primaryKey)})`,
      );
    }
  });
}

/** Removes the change log, its triggers and any write fence from the source. */
async function undo(source: pg.Pool, slug: string): Promise<void> {
  const s = quoteIdent(slug);
  await inTransaction(source, async (client) => {
    await client.query(`DROP FUNCTION IF EXISTS ${s}.${CAPTURE}() CASCADE`);
    await client.query(`DROP TABLE IF EXISTS ${s}.${LOG}`);
    await unfenceWrites(client, slug);
  });
}

function leftoverMark(tenantId: number): string {
  return `unfinished move of tenant ${tenantId}`;
}

/** Drops what an earlier, failed move of this same tenant left on the target (and only that). */
async function dropLeftover(target: pg.Pool, slug: string, tenantId: number): Promise<void> {
  const { rows } = await target.query<{ comment: string | null }>(
    `SELECT obj_description(oid, 'pg_namespace') AS comment FROM pg_namespace WHERE nspname = $1`,
    [slug],
  );
  if (rows[0]?.comment === leftoverMark(tenantId)) await target.query(`DROP SCHEMA ${quoteIdent(slug)} CASCADE`);
}

function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Every table from one snapshot of the source, streamed with COPY; returns the rows copied. */
async function bulkCopy(source: pg.Pool, target: pg.Pool, slug: string, tables: TableInfo[]): Promise<number> {
  let rows = 0;
  await inTransaction(source, async (from) => {
    await from.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await inTransaction(target, async (to) => {
      for (const table of tables) {
        const columns = columnList(table);
        const into = to.query(copyFrom(`COPY ${qualified(slug, table.name)} (${columns}) FROM STDIN`));
        await pipeline(from.query(copyTo(`COPY (SELECT ${columns} FROM ${qualified(slug, table.name)}) TO STDOUT`)), into);
        rows += into.rowCount;
      }
    });
  });
  return rows;
}

/**
 * One round: the rows the log names, as they are now in one snapshot of the source, replace the target's
 * (deleted there when gone from the source); the log entries read are removed. Returns how many rows.
 */
async function catchUp(source: pg.Pool, target: pg.Pool, slug: string, tables: TableInfo[]): Promise<number> {
  const s = quoteIdent(slug);
  return inTransaction(source, async (from) => {
    await from.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
    const { rows: log } = await from.query<{ seq: string; tbl: string; id: string }>(`SELECT seq::text, tbl, id FROM ${s}.${LOG}`);
    if (log.length === 0) return 0;
    const changed = new Map<string, Set<string>>();
    for (const entry of log) changed.set(entry.tbl, (changed.get(entry.tbl) ?? new Set()).add(entry.id));
    const current = new Map<string, Record<string, unknown>[]>();
    for (const table of tables) {
      const ids = changed.get(table.name);
      if (!ids) continue;
      const { rows } = await from.query<{ rows: Record<string, unknown>[] }>(
        `SELECT coalesce(json_agg(t), '[]'::json) AS rows FROM (SELECT ${columnList(table)} FROM ${qualified(slug, table.name)}
          WHERE ${quoteIdent(table.primaryKey)}::text = ANY ($1)) t`,
        [[...ids]],
      );
      current.set(table.name, rows[0].rows);
    }
    await inTransaction(target, async (to) => {
      // Gone from the source: deleted here, children first. Still there: written over (an upsert, never a
      // delete and insert, which would cascade to children that did not change).
      for (const table of [...tables].reverse()) {
        const ids = changed.get(table.name);
        if (!ids) continue;
        const present = new Set((current.get(table.name) ?? []).map((row) => String(row[table.primaryKey])));
        const gone = [...ids].filter((id) => !present.has(id));
        if (gone.length) await to.query(`DELETE FROM ${qualified(slug, table.name)} WHERE ${quoteIdent(table.primaryKey)}::text = ANY ($1)`, [gone]);
      }
      for (const table of tables) {
        const rows = current.get(table.name);
        if (!rows?.length) continue;
        const columns = columnList(table);
        const others = table.columns.filter((c) => c !== table.primaryKey).map(quoteIdent);
        const onConflict = others.length
          ? `DO UPDATE SET (${others.join(", ")}) = ROW(${others.map((c) => `EXCLUDED.${c}`).join(", ")})`
          : "DO NOTHING";
        await to.query(
          `INSERT INTO ${qualified(slug, table.name)} (${columns})
           SELECT ${columns} FROM json_populate_recordset(NULL::${qualified(slug, table.name)}, $1::json)
           ON CONFLICT (${quoteIdent(table.primaryKey)}) ${onConflict}`,
          [JSON.stringify(rows)],
        );
      }
    });
    await from.query(`DELETE FROM ${s}.${LOG} WHERE seq = ANY ($1::bigint[])`, [log.map((e) => e.seq)]);
    return log.length;
  });
}

/** Row counts and checksums of every table, source against target: any difference stops the move. */
async function verify(source: pg.Pool, target: pg.Pool, slug: string, tables: TableInfo[]): Promise<void> {
  // Side by side: the two servers' checksums are most of the maintenance window.
  const [before, after] = await Promise.all([tableChecksums(source, slug, tables), tableChecksums(target, slug, tables)]);
  for (const [i, sum] of before.entries()) {
    if (sum.rows !== after[i].rows || sum.checksum !== after[i].checksum) {
      throw new Error(`table ${sum.table} differs after the copy (${sum.rows} rows on the source, ${after[i].rows} on the target)`);
    }
  }
}
