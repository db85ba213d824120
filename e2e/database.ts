// The database the e2e app runs on. By default the fresh embedded cluster `scripts/start.ts` starts in
// the data folder; with E2E_DATABASE_URL (a PgBouncer, say) and E2E_DIRECT_URL (the server behind it), a
// scratch database on that server instead, named once per run in E2E_SCRATCH_DATABASE.
//   tsx e2e/database.ts create | drop     (playwright.config.ts runs these around the web server)
import { readFileSync } from "node:fs";
import path from "node:path";
import { E2E_PORT } from "./http";

export const E2E_DATA_DIR = `.data/e2e-${E2E_PORT}`;

export type DatabaseEnv = { DATABASE_URL: string; DIRECT_URL: string };

/** The server the run uses when it is not embedded: E2E_DATABASE_URL, and the direct one behind it. */
export function externalServer(): { pooled: string; direct: string } | null {
  const pooled = process.env.E2E_DATABASE_URL;
  if (!pooled) return null;
  return { pooled, direct: process.env.E2E_DIRECT_URL || pooled };
}

/** The scratch database's name, the same in the runner, its workers and the web server. */
export function scratchDatabaseName(): string {
  return (process.env.E2E_SCRATCH_DATABASE ??= `polls_e2e_${E2E_PORT}_${Date.now().toString(36)}`);
}

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** DATABASE_URL and DIRECT_URL of the running app's database (for a second instance, or SQL behind its back). */
export function appDatabaseEnv(): DatabaseEnv {
  const server = externalServer();
  if (server) {
    const name = scratchDatabaseName();
    return { DATABASE_URL: withDatabase(server.pooled, name), DIRECT_URL: withDatabase(server.direct, name) };
  }
  // The embedded cluster's port is line 4 of its postmaster.pid.
  const port = readFileSync(path.resolve(E2E_DATA_DIR, "postgres", "postmaster.pid"), "utf8").split("\n")[3].trim();
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/polls`;
  return { DATABASE_URL: url, DIRECT_URL: url };
}

// The harness of the integration tests makes and drops it: on a Citus coordinator the database must join
// the cluster (its workers get it too). Imported when run, so playwright.config.ts loads none of it.
export async function createScratchDatabase(): Promise<void> {
  const server = externalServer();
  if (!server) return;
  const { assertLocalDatabase, recreateDatabase } = await import("../test/database");
  assertLocalDatabase(server.direct);
  await recreateDatabase(server.direct, scratchDatabaseName());
}

/** FORCE: the web server may still hold connections while Playwright tears down. */
export async function dropScratchDatabase(): Promise<void> {
  const server = externalServer();
  if (!server) return;
  const { dropDatabase } = await import("../test/database");
  await dropDatabase(server.direct, scratchDatabaseName());
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const commands: Record<string, () => Promise<void>> = { create: createScratchDatabase, drop: dropScratchDatabase };
  const command = commands[process.argv[2] ?? ""];
  if (!command) {
    console.error(`error: usage: tsx e2e/database.ts create|drop`);
    process.exit(2);
  }
  command().catch((error: Error) => {
    console.error(`error: ${error.message}`);
    process.exit(1);
  });
}
