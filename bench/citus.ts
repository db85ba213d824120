// `npm run bench:citus`: what the Citus coordinator hop costs, side by side in one run.
//   request path   GET /api/polls and the poll page on a production build, on Citus vs plain PostgreSQL: the
//                  same PostgreSQL 15 server (the coordinator), one database with Citus and its two workers,
//                  one without the extension. Runs alternated, the app restarted for each.
//   provisioning   BENCH_TENANTS (1000) tenants created on Citus, 8 at a time, then a no-op `migrate --all`.
// The cluster: BENCH_CITUS_URL (a coordinator's admin database, e.g. postgresql://postgres@127.0.0.1:9700/postgres),
// else one started for the run by scripts/ci/citus-cluster.sh on BENCH_CITUS_PORT (9720) and removed after.
// Environment: BENCH_SECONDS (5) per run, BENCH_ROUNDS (2), BENCH_TENANTS (1000), BENCH_PORT (3601).
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
import { ensureBuild, hostOf, load, provisionTenants, row, slugOf, startServer, type LoadResult } from "./lib/server";

const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const tenantCount = Number(process.env.BENCH_TENANTS ?? 1000);
const clusterPort = process.env.BENCH_CITUS_PORT ?? "9720";

type Cluster = { url: string; stop: () => void };

function openCluster(): Cluster {
  if (process.env.BENCH_CITUS_URL) return { url: process.env.BENCH_CITUS_URL, stop: () => {} };
  const env = { ...process.env, CITUS_PORT: clusterPort, CITUS_DATA_DIR: mkdtempSync(path.join(tmpdir(), "polls-citus-bench-")) };
  const url = execFileSync("bash", ["scripts/ci/citus-cluster.sh", "start"], { env, encoding: "utf8" }).trim();
  return { url, stop: () => void spawnSync("bash", ["scripts/ci/citus-cluster.sh", "clean"], { env, stdio: "inherit" }) };
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
}

async function provisioning(clusterUrl: string): Promise<void> {
  const database = await createScratchDatabase(clusterUrl, "polls_bench_citus_fleet");
  process.env.DATABASE_URL = database.url;
  try {
    await migrateShared();
    const created = await time(() => provisionTenants(0, tenantCount, { concurrency: 8 }));
    console.log(`provision ${tenantCount} tenants on Citus, 8 at a time: ${ms(created.ms)} (${ms(created.ms / tenantCount)} per tenant, amortised)`);
    const noop = await time(async () => runMigrations(await allTenantTargets(), { concurrency: 4 }));
    console.log(`no-op migrate --all over ${tenantCount} tenants on Citus: ${ms(noop.ms)}`);
  } finally {
    await closePools();
    await database.drop();
  }
}

async function main(): Promise<void> {
  const cluster = openCluster();
  console.log(`cluster: ${cluster.url}`);
  const citus = await createScratchDatabase(cluster.url, "polls_bench_citus");
  const plainUrl = await plainDatabase(cluster.url);
  try {
    seedTwoTenants(plainUrl);
    seedTwoTenants(citus.url);
    await requestPath({ plain: plainUrl, citus: citus.url });
    await provisioning(cluster.url);
  } finally {
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
