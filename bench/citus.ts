// `npm run bench:citus`: what the Citus coordinator hop costs, side by side in one run.
//   request path   GET /api/polls, the poll page and a burst of votes (100 voters × 2 at once) on a production
//                  build, on Citus vs plain PostgreSQL: the same PostgreSQL 15 server (the coordinator), one
//                  database with Citus and its two workers, one without the extension. Runs alternated, the app
//                  restarted for each.
//   provisioning   BENCH_TENANTS (1000) tenants created on Citus, 8 at a time, then a no-op `migrate --all`.
//   a third worker added, and `citus_rebalance_start` (block_writes) moving tenants onto it: how long the
//                  rebalance takes, tenants per worker before and after, then BENCH_MORE_TENANTS (200) more
//                  tenants provisioned and the no-op `migrate --all` again, on three workers.
// The cluster: BENCH_CITUS_URL (a coordinator's admin database, e.g. postgresql://postgres@127.0.0.1:9700/postgres),
// else one started for the run by scripts/ci/citus-cluster.sh on BENCH_CITUS_PORT (9720) and removed after.
// Environment: BENCH_SECONDS (5) per run, BENCH_ROUNDS (2), BENCH_TENANTS (1000), BENCH_MORE_TENANTS (200),
// BENCH_PORT (3601). With BENCH_CITUS_URL, the cluster must have been started by scripts/ci/citus-cluster.sh
// with the same CITUS_PORT (the third worker is added by it).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { closePools } from "@/lib/db/pools";
import { migrateShared } from "@/lib/tenancy/migrate";
import { allTenantTargets, runMigrations } from "@/lib/tenancy/migrate-all";
import { createScratchDatabase } from "@/test/database";
import { median, ms, time } from "./lib/bench";
import {
  ensureBuild,
  hostOf,
  load,
  printVoteBurst,
  provisionTenants,
  row,
  slugOf,
  startServer,
  voteBurst,
  type LoadResult,
  type VoteBurst,
} from "./lib/server";

const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const tenantCount = Number(process.env.BENCH_TENANTS ?? 1000);
const moreTenants = Number(process.env.BENCH_MORE_TENANTS ?? 200);
const clusterPort = process.env.BENCH_CITUS_PORT ?? "9720";

type Cluster = { url: string; addWorker: () => number; stop: () => void };

function openCluster(): Cluster {
  const given = process.env.BENCH_CITUS_URL;
  const env = given ? process.env : { ...process.env, CITUS_PORT: clusterPort, CITUS_DATA_DIR: mkdtempSync(path.join(tmpdir(), "polls-citus-bench-")) };
  const cluster = (command: string) => execFileSync("bash", ["scripts/ci/citus-cluster.sh", command], { env, encoding: "utf8" }).trim();
  const addWorker = () => Number(cluster("add-worker"));
  if (given) return { url: given, addWorker, stop: () => {} };
  const url = cluster("start");
  return { url, addWorker, stop: () => void spawnSync("bash", ["scripts/ci/citus-cluster.sh", "clean"], { env, stdio: "inherit" }) };
}

/** A database without Citus on the coordinator itself: the same server, binaries and settings. */
async function plainDatabase(clusterUrl: string): Promise<string> {
  const url = new URL(clusterUrl);
  url.pathname = `/polls_bench_plain_${process.pid}`;
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${url.pathname.slice(1)}"`);
  await admin.end();
  return url.toString();
}

/** The shared schema, two tenants with an admin and sample polls, through the CLIs as a user would. */
function seedTwoTenants(databaseUrl: string): void {
  const cli = (script: string, args: string[]) =>
    execFileSync(process.execPath, ["--import", "tsx", `scripts/${script}.ts`, ...args], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: "ignore" });
  cli("migrate", []);
  for (const slug of [slugOf(0), slugOf(1)]) {
    cli("tenants", ["create", slug]);
    cli("tenants", ["exec", slug, "--", "createsuperuser", "--username", "admin", "--password", "bench-password"]);
  }
  cli("tenants", ["exec", "--all", "--", "seed"]);
}

async function firstPollId(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ id: number }>(`SELECT min(id)::int AS id FROM ${slugOf(0)}."Poll"`);
  await client.end();
  return rows[0].id;
}

async function requestPath(databases: Record<"plain" | "citus", string>): Promise<void> {
  ensureBuild();
  const results: Record<string, LoadResult[]> = {};
  const votes: Record<string, VoteBurst[]> = {};
  const hosts = [hostOf(slugOf(0)), hostOf(slugOf(1))];
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 ? (["citus", "plain"] as const) : (["plain", "citus"] as const)) {
      const pollId = await firstPollId(databases[name]);
      const server = await startServer(databases[name]);
      try {
        await load(hosts.map((host) => ({ host, path: "/api/polls" })), { seconds: 3, server }); // warm-up
        for (const [what, pathOf] of [
          ["GET /api/polls", () => "/api/polls"],
          ["poll page", () => `/polls/${pollId}`],
        ] as const) {
          const result = await load(hosts.map((host) => ({ host, path: pathOf() })), { server });
          (results[`${what} on ${name}`] ??= []).push(result);
          console.log(row(`${what} on ${name} (round ${round + 1})`, result));
        }
        const burst = await voteBurst({ slug: slugOf(0), databaseUrl: databases[name] });
        (votes[name] ??= []).push(burst);
        printVoteBurst(burst, ` on ${name} (round ${round + 1})`);
      } finally {
        await server.stop();
      }
    }
  }
  for (const what of ["GET /api/polls", "poll page"]) {
    const kept = (of: (r: LoadResult) => number) =>
      results[`${what} on citus`].map((r, i) => of(r) / of(results[`${what} on plain`][i]));
    const range = (values: number[]) => `${median(values).toFixed(2)} (rounds ${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})`;
    console.log(`${what}: Citus keeps ${range(kept((r) => r.rps))} of plain PostgreSQL by req/s, ${range(kept((r) => 1 / r.cpuMs))} by app CPU per request`);
  }
  const latency = (name: string, of: (b: VoteBurst) => number) => `${median(votes[name].map(of)).toFixed(0)} ms`;
  for (const name of ["plain", "citus"]) {
    console.log(`vote burst on ${name}: p50 ${latency(name, (b) => b.p50)}, p99 ${latency(name, (b) => b.p99)} (median of ${rounds} rounds)`);
  }
}

type Database = Awaited<ReturnType<typeof createScratchDatabase>>;

/** On `database`, the process's DATABASE_URL (the default server of every tenant made here). */
async function provisioning(cluster: Cluster, database: Database): Promise<void> {
  const fleet = new pg.Client({ connectionString: database.url });
  await fleet.connect();
  let added: string | null = null; // the third worker's admin URL, where the database is dropped too
  try {
    await migrateShared();
    await provisionAndMigrate(0, tenantCount, "two workers");
    console.log(`tenants per worker: ${await tenantsPerWorker(fleet)}`);

    const port = cluster.addWorker();
    added = await joinWorker(fleet, database.url, port);
    const rebalance = await time(async () => {
      await fleet.query("SELECT citus_rebalance_start(shard_transfer_mode := 'block_writes')");
      await fleet.query("SELECT citus_rebalance_wait()");
    });
    console.log(`a third worker (port ${port}) added; citus_rebalance_start (block_writes) over ${tenantCount} tenants: ${ms(rebalance.ms)}`);
    console.log(`tenants per worker: ${await tenantsPerWorker(fleet)}`);
    await provisionAndMigrate(tenantCount, tenantCount + moreTenants, "three workers");
  } finally {
    await fleet.end();
    await closePools();
    if (added) await dropOn(added, new URL(database.url).pathname.slice(1));
  }
}

async function dropOn(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}

async function provisionAndMigrate(from: number, to: number, nodes: string): Promise<void> {
  const count = to - from;
  const created = await time(() => provisionTenants(from, to, { concurrency: 8 }));
  console.log(`provision ${count} tenants on Citus (${nodes}), 8 at a time: ${ms(created.ms)} (${ms(created.ms / count)} per tenant, amortised)`);
  const noop = await time(async () => runMigrations(await allTenantTargets(), { concurrency: 4 }));
  console.log(`no-op migrate --all over ${to} tenants on Citus (${nodes}): ${ms(noop.ms)}`);
}

/** Distributed schemas per worker, as `port: count` pairs. */
async function tenantsPerWorker(fleet: pg.Client): Promise<string> {
  const { rows } = await fleet.query<{ port: number; tenants: number }>(
    `SELECT nodeport AS port, count(DISTINCT s.schema_name)::int AS tenants
       FROM citus_schemas s JOIN citus_shards c ON c.colocation_id = s.colocation_id
      GROUP BY nodeport ORDER BY nodeport`,
  );
  return rows.map((r) => `${r.port}: ${r.tenants}`).join(", ");
}

/**
 * The new worker in a database made before it joined the cluster: the database, Citus, then the node.
 * Returns the worker's admin URL.
 */
async function joinWorker(fleet: pg.Client, databaseUrl: string, port: number): Promise<string> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const worker = new URL(databaseUrl);
  worker.port = String(port);
  worker.pathname = "/postgres";
  const adminUrl = worker.toString();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  worker.pathname = `/${name}`;
  const db = new pg.Client({ connectionString: worker.toString() });
  await db.connect();
  await db.query("CREATE EXTENSION citus");
  await db.end();
  await fleet.query("SELECT citus_add_node($1, $2::int)", [worker.hostname, port]);
  return adminUrl;
}

async function main(): Promise<void> {
  const cluster = openCluster();
  console.log(`cluster: ${cluster.url}`);
  const citus = await createScratchDatabase(cluster.url, "polls_bench_citus");
  const plainUrl = await plainDatabase(cluster.url);
  // The app's settings are read once per process: the fleet's database is the default server from the start
  // (the request path's vote bursts name their tenants' databases themselves).
  const fleet = await createScratchDatabase(cluster.url, "polls_bench_citus_fleet");
  process.env.DATABASE_URL = fleet.url;
  try {
    seedTwoTenants(plainUrl);
    seedTwoTenants(citus.url);
    await requestPath({ plain: plainUrl, citus: citus.url });
    await provisioning(cluster, fleet);
  } finally {
    await closePools();
    await fleet.drop();
    await citus.drop();
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${new URL(plainUrl).pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
    cluster.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
