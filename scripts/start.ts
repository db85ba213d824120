// `npm start`: the database (embedded unless DATABASE_URL is set), migrations, the demo tenants on
// first run, a production build if the sources changed, then `next start`. Ctrl-C stops it all.
//
// Environment: PORT (3000), DATA_DIR (.data), DATABASE_URL, ROOT_DOMAIN (localhost),
// DEMO_ADMIN_PASSWORD (fixed demo password; generated when unset), and `--dev` for `next dev`.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { dataDirectory, openLocalDatabase, type LocalDatabase } from "@/lib/db/local-server";
import { closePools, redact } from "@/lib/db/pools";
import { platformCredentialLines, seedPlatformAdmin } from "@/lib/platform/seed";
import { DEMO_TENANTS, seedDemoTenant, type DemoCredential } from "@/lib/tenancy/demo";
import { listTenants, migrateShared } from "@/lib/tenancy/migrate";
import { runMigrations, tenantTarget } from "@/lib/tenancy/migrate-all";
import { needsBuild } from "./lib/build";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const dataDir = dataDirectory();
const credentialsFile = path.join(dataDir, "demo-credentials.json");

let database: LocalDatabase | undefined;

async function main() {
  if (existsSync(".env")) process.loadEnvFile(".env");
  await assertPortFree(port);
  mkdirSync(dataDir, { recursive: true });
  process.env.ROOT_DOMAIN ??= "localhost";
  process.env.NEXTAUTH_SECRET ??= persistentSecret(path.join(dataDir, "auth-secret"));
  process.env.AUTH_TRUST_HOST ??= "1";

  // This process owns the embedded cluster: a stale one left by a killed start is restarted, not reused.
  database = await openLocalDatabase({ reuseRunning: false, log: (line) => log(line) });
  log("database", redact(database.url));

  const shared = await migrateShared();
  let tenants = await listTenants();
  const { outcomes } = await runMigrations(tenants.map(tenantTarget), { concurrency: 4 });
  const failures = outcomes.filter((o) => o.status === "failed");
  if (failures.length) {
    throw new Error(`migrations failed for ${failures.map((f) => f.target.name).join(", ")}: see \`npm run migrate\``);
  }
  const applied = shared.applied.length + outcomes.reduce((n, o) => n + (o.status === "applied" ? o.applied.length : 0), 0);
  log(`migrations: ${applied} applied (shared schema and ${tenants.length} tenant schemas)`);

  const password = process.env.DEMO_ADMIN_PASSWORD || undefined;
  if (tenants.length === 0) {
    const credentials: DemoCredential[] = [];
    for (const demo of DEMO_TENANTS) credentials.push(await seedDemoTenant(demo, password));
    writeFileSync(credentialsFile, JSON.stringify(credentials, null, 2), { mode: 0o600 });
    tenants = await listTenants();
  }
  await seedPlatformAdmin(dataDir, password);
  await closePools();

  if (!dev && needsBuild()) await run("next", ["build"]);
  printBanner(tenants.map((t) => t.slug));

  const server = spawn("next", [dev ? "dev" : "start", "-p", String(port)], { stdio: "inherit", env: process.env });
  let stopping = false;
  server.on("exit", async (code) => {
    await database?.stop();
    // Stopped by us (Ctrl-C): a clean exit. Died on its own: a failure, even when killed by a signal.
    process.exit(stopping ? 0 : (code || 1));
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      log("shutting down");
      stopping = true;
      server.kill("SIGTERM");
    });
  }
}

function printBanner(slugs: string[]) {
  const root = process.env.ROOT_DOMAIN;
  const lines = [`platform  http://${root}:${port}`, ...slugs.map((s) => `${s.padEnd(9)} http://${s}.${root}:${port}`)];
  if (existsSync(credentialsFile)) {
    const credentials = JSON.parse(readFileSync(credentialsFile, "utf8")) as DemoCredential[];
    lines.push("", "demo admins (sign in on the tenant's own host):");
    for (const c of credentials) lines.push(`  ${c.tenant.padEnd(8)} ${c.username} / ${c.password}`);
  }
  lines.push(...platformCredentialLines(dataDir, `http://${root}:${port}`));
  console.log(`\n${lines.map((l) => `  ${l}`).join("\n")}\n`);
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

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(command, args, { stdio: "inherit", env: process.env });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

function log(...parts: string[]) {
  console.log(`[start] ${parts.join(" ")}`);
}

main().catch(async (error) => {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  await database?.stop();
  process.exit(1);
});
