// Where the integration tests run: a fresh database on a local PostgreSQL server, never a remote one.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { isCitus } from "@/lib/db/citus";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded";
import { redact } from "@/lib/db/pools";

/** `url` is what the app connects through (maybe a PgBouncer), `directUrl` the server itself. */
export type TestServer = { url: string; directUrl: string; describe: string; stop: () => Promise<void> };

/** A scratch database: `url` through a PgBouncer if there is one, `directUrl` the server itself. */
export type TestDatabase = { url: string; directUrl: string };

/** Refuses anything but a loopback server: tests create and drop databases. */
export function assertLocalDatabase(url: string): void {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(`Refusing to run tests against a non-local database (${host}); use a server on this machine.`);
  }
}

/**
 * `external`'s server (TEST_DATABASE_URL by default; with TEST_DIRECT_URL, the server behind it when
 * TEST_DATABASE_URL is a PgBouncer) if set, else a new embedded cluster in a temporary folder, removed
 * again by `stop`.
 */
export async function startTestServer(
  external = process.env.TEST_DATABASE_URL,
  direct = process.env.TEST_DIRECT_URL || external,
): Promise<TestServer> {
  if (external && direct) {
    assertLocalDatabase(external);
    assertLocalDatabase(direct);
    const describe = direct === external ? redact(external) : `${redact(external)} (direct: ${redact(direct)})`;
    return { url: external, directUrl: direct, describe, stop: async () => {} };
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "polls-pg-"));
  const server: EmbeddedServer = await startEmbeddedPostgres({ dataDir, database: "postgres" });
  return {
    url: server.url,
    directUrl: server.url,
    describe: `embedded PostgreSQL in ${dataDir} (fsync=off)`,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Creates an empty database on the server (through `directServerUrl`: a PgBouncer in front, configured
 * with a `*` wildcard, reaches it by name) and returns its URLs and a dropper.
 */
export async function createScratchDatabase(serverUrl: string, prefix = "polls_test", directServerUrl = serverUrl) {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  await adminQuery(directServerUrl, `CREATE DATABASE "${name}"`);
  const workers = await citusWorkers(directServerUrl);
  if (workers.length) await joinCitusCluster(withDatabase(directServerUrl, name), workers);
  return {
    url: withDatabase(serverUrl, name),
    directUrl: withDatabase(directServerUrl, name),
    drop: () =>
      adminQuery(directServerUrl, async (admin) => {
        await waitForDisconnects(admin, name);
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        for (const worker of workers) await adminQuery(worker, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }),
  };
}

/**
 * Drops `name` if it is there and creates it empty again (joined to the cluster on Citus): a database
 * whose name a run knows in advance, such as the e2e server's.
 */
export async function recreateDatabase(serverUrl: string, name: string): Promise<string> {
  await dropDatabase(serverUrl, name);
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  const url = withDatabase(serverUrl, name);
  const workers = await citusWorkers(serverUrl);
  if (workers.length) await joinCitusCluster(url, workers);
  return url;
}

/** Drops `name` if it is there, on a Citus coordinator's workers too. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const workers = await citusWorkers(serverUrl);
  for (const server of [serverUrl, ...workers]) await adminQuery(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/**
 * The workers' admin URLs when `serverUrl` is a Citus coordinator (its `postgres` database has citus
 * and the workers registered, as scripts/ci/citus-cluster.sh leaves it); none on plain PostgreSQL.
 */
async function citusWorkers(serverUrl: string): Promise<string[]> {
  const workers: string[] = [];
  await adminQuery(serverUrl, async (admin) => {
    if (!(await isCitus(admin))) return;
    const { rows } = await admin.query<{ host: string; port: number }>(
      "SELECT nodename AS host, nodeport AS port FROM pg_dist_node WHERE groupid <> 0 AND noderole = 'primary' ORDER BY nodeid",
    );
    for (const { host, port } of rows) {
      const url = new URL(serverUrl);
      url.hostname = host;
      url.port = String(port);
      workers.push(url.toString());
    }
  });
  return workers;
}

/**
 * Makes a new database on a Citus coordinator a cluster of its own: Citus keeps its metadata per
 * database, so the workers need the database and the extension, and the coordinator needs its nodes.
 */
async function joinCitusCluster(databaseUrl: string, workers: string[]): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  for (const worker of workers) {
    await adminQuery(worker, `CREATE DATABASE "${name}"`);
    await adminQuery(worker, "CREATE EXTENSION citus", name);
  }
  const coordinator = new URL(databaseUrl);
  await adminQuery(databaseUrl, async (db) => {
    await db.query("CREATE EXTENSION citus");
    await db.query("SELECT citus_set_coordinator_host($1, $2::int)", [coordinator.hostname, Number(coordinator.port || 5432)]);
    for (const worker of workers) await db.query("SELECT citus_add_node($1, $2::int)", [new URL(worker).hostname, Number(new URL(worker).port)]);
    await db.query(`ALTER DATABASE "${name}" SET citus.enable_schema_based_sharding = on`);
  }, name);
}

/**
 * Waits (up to 5 s) until no connection to `database` is left. pool.end() resolves before its sockets
 * close, and a FORCE drop would terminate those still closing: a 57P01 error on a client that was going
 * away anyway, which surfaces as an uncaught error in the test run. FORCE is left for real stragglers
 * (a killed process's backends).
 */
async function waitForDisconnects(admin: pg.Client, database: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    // Citus's own backends (maintenance daemon, links between nodes) come and go by themselves.
    const { rows } = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = $1 AND backend_type = 'client backend' AND application_name NOT LIKE 'citus\\_internal%'`,
      [database],
    );
    if (rows[0].n === 0 || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(serverUrl: string, work: string | ((admin: pg.Client) => Promise<void>), database = "postgres"): Promise<void> {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    if (typeof work === "string") await client.query(work);
    else await work(client);
  } finally {
    await client.end();
  }
}
