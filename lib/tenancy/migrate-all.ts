// `migrate_schemas` done right: the status of every schema read with one catalog query per server,
// then only the schemas with pending migrations migrated, N at a time, each in its own transaction.
// A failing schema is rolled back whole and reported; the others go on; a rerun resumes.
import { spawn } from "node:child_process";
import path from "node:path";
import type pg from "pg";
import { poolFor } from "@/lib/db/pools";
import { defaultDirectUrl, defaultServerUrl, PUBLIC_SCHEMA } from "@/lib/db/public-db";
import { loadMigrations, migrateSchema, MigrationError, migrationsDir, type Migration, type MigrationSet } from "@/lib/db/migrations";
import { tenantConnectionString } from "@/lib/db/connection-string";
import { tenancyConfig } from "@/lib/tenancy/config";
import { listTenants } from "@/lib/tenancy/registry";
import { quoteIdent } from "@/lib/tenancy/schema-name";
import { tenantDirectUrl, tenantServerUrl, type TenantPlacement } from "@/lib/tenancy/servers";

/**
 * One schema to migrate: the shared `public` schema, or a tenant's. Its status is read on `serverUrl`
 * (pooled or not); its migrations run on `directUrl`, past any PgBouncer.
 */
export type MigrationTarget = { name: string; schema: string; serverUrl: string; directUrl: string; set: MigrationSet };

export type SchemaStatus = MigrationTarget & {
  /** False when the schema does not exist at all (created on migrate). */
  exists: boolean;
  applied: string[];
  pending: string[];
  /** Set when the schema's server could not be read (down, refusing, wrong password): why. */
  unreachable?: string;
};

export type Outcome =
  | { target: MigrationTarget; status: "applied"; applied: string[]; ms: number }
  | { target: MigrationTarget; status: "up-to-date" }
  | { target: MigrationTarget; status: "failed"; migration: string | null; error: string; ms: number }
  | { target: MigrationTarget; status: "skipped"; reason: string };

export type Engine = "in-process" | "prisma";

export type RunOptions = {
  concurrency: number;
  failFast?: boolean;
  engine?: Engine;
  /** Called once per target as soon as its outcome is known (progress bars, log lines). */
  onOutcome?: (outcome: Outcome, done: number, total: number) => void;
};

export type RunReport = { outcomes: Outcome[]; ms: number };

// Fleets are read in chunks of this many schemas, one statement each, in parallel.
const STATUS_CHUNK = 250;

export function sharedTarget(): MigrationTarget {
  return { name: "(shared)", schema: PUBLIC_SCHEMA, serverUrl: defaultServerUrl(), directUrl: defaultDirectUrl(), set: "public" };
}

export function tenantTarget(tenant: TenantPlacement): MigrationTarget {
  return { name: tenant.slug, schema: tenant.slug, serverUrl: tenantServerUrl(tenant), directUrl: tenantDirectUrl(tenant), set: "tenant" };
}

/** Every registered tenant as a migration target, in slug order. */
export async function allTenantTargets(): Promise<MigrationTarget[]> {
  return (await listTenants()).map(tenantTarget);
}

/**
 * The applied and pending migrations of every target. Per server: one catalog query finds which
 * schemas have a `_prisma_migrations` table, then UNION ALL statements of 250 schemas each (run in
 * parallel) read them all. A handful of statements per server, never a round trip per schema. A server
 * that cannot be read marks its own targets `unreachable`; the other servers' answers stand.
 */
export async function readMigrationStatus(targets: MigrationTarget[]): Promise<SchemaStatus[]> {
  const byServer = new Map<string, MigrationTarget[]>();
  for (const target of targets) {
    const group = byServer.get(target.serverUrl) ?? [];
    group.push(target);
    byServer.set(target.serverUrl, group);
  }

  const applied = new Map<string, { exists: boolean; names: string[] }>();
  const unreachable = new Map<string, string>();
  await Promise.all(
    [...byServer].map(async ([serverUrl, group]) => {
      try {
        const found = await readServerStatus(poolFor(serverUrl), group.map((t) => t.schema));
        for (const [schema, status] of found) applied.set(`${serverUrl}\u0000${schema}`, status);
      } catch (error) {
        unreachable.set(serverUrl, error instanceof Error ? error.message : String(error));
      }
    }),
  );

  return targets.map((target) => {
    const status = applied.get(`${target.serverUrl}\u0000${target.schema}`) ?? { exists: false, names: [] };
    const done = new Set(status.names);
    return {
      ...target,
      exists: status.exists,
      applied: status.names,
      pending: migrationsFor(target.set).filter((m) => !done.has(m.name)).map((m) => m.name),
      ...(unreachable.has(target.serverUrl) && { unreachable: unreachable.get(target.serverUrl) }),
    };
  });
}

async function readServerStatus(pool: pg.Pool, schemas: string[]): Promise<Map<string, { exists: boolean; names: string[] }>> {
  // A schema dropped between the two statements makes the second fail: read again once.
  for (let attempt = 1; ; attempt++) {
    try {
      return await readServerStatusOnce(pool, schemas);
    } catch (error) {
      if (attempt >= 2 || (error as { code?: string }).code !== "42P01") throw error;
    }
  }
}

async function readServerStatusOnce(pool: pg.Pool, schemas: string[]) {
  const { rows } = await pool.query<{ schema: string; tracked: boolean }>(
    `SELECT n.nspname AS schema,
            EXISTS (SELECT 1 FROM pg_class c
                     WHERE c.relnamespace = n.oid AND c.relname = '_prisma_migrations' AND c.relkind = 'r') AS tracked
       FROM pg_namespace n
      WHERE n.nspname = ANY($1::text[])`,
    [schemas],
  );
  const result = new Map(schemas.map((schema) => [schema, { exists: false, names: [] as string[] }]));
  for (const row of rows) result.set(row.schema, { exists: true, names: [] });

  // Chunks run in parallel on the pool's connections: each backend opens a share of the tables.
  const tracked = rows.filter((row) => row.tracked).map((row) => row.schema);
  const chunks = Array.from({ length: Math.ceil(tracked.length / STATUS_CHUNK) }, (_, i) => tracked.slice(i * STATUS_CHUNK, (i + 1) * STATUS_CHUNK));
  const results = await Promise.all(
    chunks.map((chunk) => {
      const sql = chunk
        .map(
          (schema, i) =>
            `SELECT $${i + 1}::text AS schema, migration_name::text AS name FROM ${quoteIdent(schema)}."_prisma_migrations"
              WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        )
        .join("\nUNION ALL\n");
      return pool.query<{ schema: string; name: string }>(sql, chunk);
    }),
  );
  for (const row of results.flatMap((r) => r.rows)) result.get(row.schema)!.names.push(row.name);
  for (const status of result.values()) status.names.sort();
  return result;
}

export function migrationsFor(set: MigrationSet): Migration[] {
  return loadMigrations(migrationsDir(set));
}

/**
 * Migrates the targets: shared ones first and one at a time, then tenants `concurrency` at a time.
 * Never throws for a schema's failure: it is an outcome. With `failFast`, no new schema starts after
 * the first failure (those already running finish) and the rest are reported as skipped.
 */
export async function runMigrations(targets: MigrationTarget[], options: RunOptions): Promise<RunReport> {
  const started = performance.now();
  const statuses = await readMigrationStatus(targets);
  const outcomes: Outcome[] = [];
  let stop: string | null = null;
  const record = (outcome: Outcome) => {
    outcomes.push(outcome);
    if (outcome.status === "failed" && (options.failFast || outcome.target.set === "public")) {
      stop ??= outcome.target.set === "public" ? "the shared schema failed" : `fail-fast after ${outcome.target.name}`;
    }
    options.onOutcome?.(outcome, outcomes.length, targets.length);
  };

  const migrateOne = async (status: SchemaStatus) => {
    if (status.unreachable) {
      return record({ target: status, status: "failed", migration: null, error: `server unreachable: ${status.unreachable}`, ms: 0 });
    }
    if (status.pending.length === 0) return record({ target: status, status: "up-to-date" });
    if (stop) return record({ target: status, status: "skipped", reason: stop });
    record(await migrateTarget(status, options.engine ?? "in-process"));
  };

  const [shared, tenants] = partition(statuses, (s) => s.set === "public");
  for (const status of shared) await migrateOne(status);
  await forEachConcurrently(tenants, Math.max(1, options.concurrency), migrateOne);

  const order = new Map(targets.map((t, i) => [`${t.serverUrl}\u0000${t.schema}`, i]));
  outcomes.sort((a, b) => order.get(`${a.target.serverUrl}\u0000${a.target.schema}`)! - order.get(`${b.target.serverUrl}\u0000${b.target.schema}`)!);
  return { outcomes, ms: performance.now() - started };
}

async function migrateTarget(status: SchemaStatus, engine: Engine): Promise<Outcome> {
  const { name, schema, serverUrl, directUrl, set } = status;
  const target: MigrationTarget = { name, schema, serverUrl, directUrl, set };
  const started = performance.now();
  try {
    const applied =
      engine === "prisma"
        ? await deployWithPrisma(target).then(() => status.pending)
        : (await migrateSchema(poolFor(target.directUrl), target.schema, migrationsFor(target.set))).applied;
    // Another migrator may have applied them between our status read and our lock: nothing left to do.
    if (applied.length === 0) return { target, status: "up-to-date" };
    return { target, status: "applied", applied, ms: performance.now() - started };
  } catch (error) {
    const migration = error instanceof MigrationError ? error.migration : null;
    const cause = error instanceof MigrationError ? error.cause : error;
    const message = cause instanceof Error ? cause.message : String(cause);
    return { target, status: "failed", migration, error: message, ms: performance.now() - started };
  }
}

/** Runs Prisma's own engine on one schema: `prisma migrate deploy` with `<server>?schema=<schema>`. */
export function deployWithPrisma(target: MigrationTarget): Promise<void> {
  const root = tenancyConfig().migrationsRoot;
  const prisma = path.join(process.cwd(), "node_modules", ".bin", "prisma");
  const args = ["migrate", "deploy", "--config", path.join(root, target.set, "prisma.config.ts")];
  return new Promise((resolve, reject) => {
    const child = spawn(prisma, args, {
      env: { ...process.env, DATABASE_URL: tenantConnectionString(target.directUrl, target.schema) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) return resolve();
      const lines = output.split("\n").map((l) => l.trim()).filter(Boolean);
      reject(new Error(`prisma migrate deploy exited with ${code}: ${lines.slice(-3).join(" ")}`));
    });
  });
}

async function forEachConcurrently<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

/** Counts per status, for summaries and exit codes. */
export function summarise(outcomes: Outcome[]) {
  const count = (status: Outcome["status"]) => outcomes.filter((o) => o.status === status).length;
  return { applied: count("applied"), upToDate: count("up-to-date"), failed: count("failed"), skipped: count("skipped") };
}
