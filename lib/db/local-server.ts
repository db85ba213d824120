// The database a process (`npm start`, the CLIs) works on: DATABASE_URL when set, else the embedded
// PostgreSQL kept in `<DATA_DIR>/postgres`. One copy of that rule, so every command finds the same data.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/db/embedded";

export type LocalDatabase = {
  url: string;
  /** How we got it, for a log line: "DATABASE_URL", "embedded (started)" or "embedded (running)". */
  source: string;
  /** Stops the cluster when this process started it; a no-op otherwise. */
  stop: () => Promise<void>;
};

/** The database name inside the embedded cluster. */
export const EMBEDDED_DATABASE = "polls";
const EMBEDDED_CREDENTIALS = "postgres:postgres";

export function dataDirectory(): string {
  return path.resolve(process.env.DATA_DIR || ".data");
}

export function embeddedDataDir(): string {
  return path.join(dataDirectory(), "postgres");
}

/**
 * Resolves the database and exports it as DATABASE_URL for the rest of the process.
 * `reuseRunning`: connect to a cluster another process (a running `npm start`) already serves from
 * the data folder instead of restarting it; the owner of the cluster passes false.
 */
export async function openLocalDatabase(options: { reuseRunning: boolean; log?: (line: string) => void }): Promise<LocalDatabase> {
  const configured = process.env.DATABASE_URL;
  if (configured) return { url: configured, source: "DATABASE_URL", stop: async () => {} };

  const dataDir = embeddedDataDir();
  const runningPort = options.reuseRunning ? runningClusterPort(dataDir) : null;
  if (runningPort) {
    const url = embeddedUrl(runningPort);
    process.env.DATABASE_URL = url;
    return { url, source: "embedded (running)", stop: async () => {} };
  }

  options.log?.(`starting embedded PostgreSQL in ${dataDir}`);
  const server = await startEmbeddedPostgres({ dataDir, database: EMBEDDED_DATABASE });
  process.env.DATABASE_URL = server.url;
  return { url: server.url, source: "embedded (started)", stop: server.stop };
}

/**
 * Where `npm start` keeps the passwords it generated for the database at `databaseUrl` (`kind`: the demo
 * tenants' admins, the platform admin): a file per database, so a start against another database never
 * overwrites this one's. The embedded cluster's are `<kind>-credentials.json` (its port changes at every
 * start); any other database's carry a short hash of its host, port and name (`demo-credentials-1a2b3c4d.json`).
 */
export function credentialsFile(dataDir: string, kind: "demo" | "platform", databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const port = Number(url.port || 5432);
  const name = decodeURIComponent(url.pathname.slice(1));
  const embedded = url.hostname === "127.0.0.1" && name === EMBEDDED_DATABASE && port === runningClusterPort(path.join(dataDir, "postgres"));
  const database = `${url.hostname.toLowerCase()}:${port}/${name}`;
  const suffix = embedded ? "" : `-${createHash("sha256").update(database).digest("hex").slice(0, 8)}`;
  return path.join(dataDir, `${kind}-credentials${suffix}.json`);
}

function embeddedUrl(port: number): string {
  return `postgresql://${EMBEDDED_CREDENTIALS}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
}

/**
 * The port of a live postmaster on `dataDir`, from its `postmaster.pid` (line 1 the pid, line 4 the
 * port), or null when none is running there.
 */
export function runningClusterPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return null;
  try {
    process.kill(pid, 0);
    return port;
  } catch (error) {
    // EPERM: alive, run by another user (as root, the package runs PostgreSQL as `postgres`).
    return (error as NodeJS.ErrnoException).code === "EPERM" ? port : null;
  }
}
