// `npm start`: the database (embedded unless DATABASE_URL is set), then scripts/prepare.ts in a child
// process that exits (migrations, the demo tenants on first run, a production build if the sources
// changed), then `next start`. Ctrl-C stops it all.
//
// This process lives as long as the server, so it stays small: node's built-ins only, no Prisma, no
// tenancy code (scripts/compile.mjs bundles it; scripts/supervisor.test.ts keeps it so).
//
// Environment: PORT (3000), DATA_DIR (.data), DATABASE_URL, ROOT_DOMAIN (localhost),
// DEMO_ADMIN_PASSWORD (fixed demo password; generated when unset), and `--dev` for `next dev`.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { redact } from "@/lib/db/redact";
import { isInitialised, startCluster, type ClusterProcess } from "./lib/postgres-process";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const dataDir = path.resolve(process.env.DATA_DIR || ".data");
const clusterDir = path.join(dataDir, "postgres");
// The compiled prepare step sits beside this file's own bundle in .build/.
const prepareScript = path.join(path.dirname(fileURLToPath(import.meta.url)), "prepare.mjs");
const nextScript = path.resolve("node_modules/next/dist/bin/next");

let cluster: ClusterProcess | undefined;
let current: ChildProcess | undefined;
let stopping = false;

async function main() {
  if (existsSync(".env")) process.loadEnvFile(".env");
  await assertPortFree(port);
  mkdirSync(dataDir, { recursive: true });
  process.env.ROOT_DOMAIN ??= "localhost";
  process.env.NEXTAUTH_SECRET ??= persistentSecret(path.join(dataDir, "auth-secret"));
  process.env.AUTH_TRUST_HOST ??= "1";
  process.env.PORT = String(port);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, shutDown);

  if (!process.env.DATABASE_URL) {
    if (!isInitialised(clusterDir)) await step(prepareScript, ["--initialise-cluster"]);
    if (stopping) return exit(0);
    log(`starting embedded PostgreSQL in ${clusterDir}`);
    cluster = await startCluster(clusterDir);
    process.env.DATABASE_URL = cluster.url;
  }
  log("database", redact(process.env.DATABASE_URL ?? ""));

  await step(prepareScript, dev ? ["--dev"] : []);
  if (stopping) return exit(0);

  current = spawn(process.execPath, [nextScript, dev ? "dev" : "start", "-p", String(port)], { stdio: "inherit", env: process.env });
  // Stopped by us (Ctrl-C): a clean exit. Died on its own: a failure, even when killed by a signal.
  current.on("exit", (code) => exit(stopping ? 0 : code || 1));
}

/** Runs a start-up step to its end; a step that fails ends the start with its exit code. */
function step(script: string, args: string[]): Promise<void> {
  return new Promise((resolve) => {
    current = spawn(process.execPath, [script, ...args], { stdio: "inherit", env: process.env });
    current.on("exit", (code) => {
      current = undefined;
      if (code === 0 || stopping) resolve();
      else exit(code || 1);
    });
  });
}

function shutDown() {
  if (stopping) return;
  stopping = true;
  log("shutting down");
  if (current) current.kill("SIGTERM");
  else exit(0);
}

async function exit(code: number) {
  await cluster?.stop();
  process.exit(code);
}

function assertPortFree(wanted: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", () => reject(new Error(`port ${wanted} is in use (another npm start?); set PORT to use another`)));
    probe.listen(wanted, () => probe.close(() => resolve()));
  });
}

function persistentSecret(file: string): string {
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

function log(...parts: string[]) {
  console.log(`[start] ${parts.join(" ")}`);
}

main().catch((error) => {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  void exit(1);
});
