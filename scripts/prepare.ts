// The start-up work of `npm start`, in a process of its own that exits when it is done, so nothing it
// loads (Prisma, pg, the tenancy core) stays resident beside the server: migrations, the demo tenants
// and platform admin on first run, a production build if the sources changed, then the banner.
// scripts/start.ts (the supervisor) runs it with DATABASE_URL set; `--initialise-cluster` instead
// creates the embedded cluster (first run only) and stops it again.
//
// Environment: as scripts/start.ts, plus PORT for the banner. `--dev`: no build.
import "@/lib/config";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { credentialsFile, dataDirectory, EMBEDDED_DATABASE, embeddedDataDir } from "@/lib/db/local-server";
import { closePools } from "@/lib/db/pools";
import { defaultDirectUrl } from "@/lib/db/public-db";
import { platformCredentialLines, seedPlatformAdmin } from "@/lib/platform/seed";
import { DEMO_TENANTS, seedDemoTenant, type DemoCredential } from "@/lib/seed/demo";
import { listTenants } from "@/lib/tenancy/manage";
import { migrateShared, runMigrations, tenantTarget } from "@/lib/tenancy/operations";
import { needsBuild } from "./lib/build";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const dataDir = dataDirectory();
// The passwords generated for this database, kept apart from every other database's (a start against
// another DATABASE_URL must not overwrite the embedded cluster's).
const demoCredentialsFile = () => credentialsFile(dataDir, "demo", defaultDirectUrl());
const platformCredentialsFile = () => credentialsFile(dataDir, "platform", defaultDirectUrl());

async function main() {
  if (process.argv.includes("--initialise-cluster")) return initialiseCluster();
  const tenants = await migrateAll();
  const slugs = tenants.length ? tenants.map((t) => t.slug) : await seedDemo();
  await seedPlatformAdmin(platformCredentialsFile(), process.env.DEMO_ADMIN_PASSWORD || undefined);
  await closePools();
  if (!dev && needsBuild()) await run(path.resolve("node_modules/next/dist/bin/next"), ["build"]);
  printBanner(slugs);
}

/** initdb, the `postgres` user when run as root, and the app's database; the supervisor runs the server. */
async function initialiseCluster() {
  log(`creating the embedded PostgreSQL cluster in ${embeddedDataDir()}`);
  const server = await startEmbeddedPostgres({ dataDir: embeddedDataDir(), database: EMBEDDED_DATABASE });
  await server.stop();
}

async function migrateAll() {
  const shared = await migrateShared();
  const tenants = await listTenants();
  const { outcomes } = await runMigrations(tenants.map(tenantTarget), { concurrency: 4 });
  const failures = outcomes.filter((o) => o.status === "failed");
  if (failures.length) {
    throw new Error(`migrations failed for ${failures.map((f) => f.target.name).join(", ")}: see \`npm run migrate\``);
  }
  const applied = shared.applied.length + outcomes.reduce((n, o) => n + (o.status === "applied" ? o.applied.length : 0), 0);
  log(`migrations: ${applied} applied (shared schema and ${tenants.length} tenant schemas)`);
  return tenants;
}

/** The demo tenants of a first run; their admins' credentials are kept for the banner. */
async function seedDemo(): Promise<string[]> {
  const credentials: DemoCredential[] = [];
  for (const demo of DEMO_TENANTS) credentials.push(await seedDemoTenant(demo, process.env.DEMO_ADMIN_PASSWORD || undefined));
  writeFileSync(demoCredentialsFile(), JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return (await listTenants()).map((t) => t.slug);
}

function printBanner(slugs: string[]) {
  const root = process.env.ROOT_DOMAIN;
  const lines = [`platform  http://${root}:${port}`, ...slugs.map((s) => `${s.padEnd(9)} http://${s}.${root}:${port}`)];
  const demoFile = demoCredentialsFile();
  if (existsSync(demoFile)) {
    const credentials = JSON.parse(readFileSync(demoFile, "utf8")) as DemoCredential[];
    lines.push("", `demo admins (sign in on the tenant's own host; kept in ${demoFile}):`);
    for (const c of credentials) lines.push(`  ${c.tenant.padEnd(8)} ${c.username} / ${c.password}`);
  }
  lines.push(...platformCredentialLines(platformCredentialsFile(), `http://${root}:${port}`));
  console.log(`\n${lines.map((l) => `  ${l}`).join("\n")}\n`);
}

function run(script: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: "inherit", env: process.env });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next ${args.join(" ")} exited with ${code}`))));
  });
}

/** Prisma's messages run over several lines (the call, a blank, the cause); the cause is the last. */
function lastLine(message: string): string {
  return message.split("\n").map((line) => line.trim()).filter(Boolean).at(-1) ?? message;
}

function log(...parts: string[]) {
  console.log(`[start] ${parts.join(" ")}`);
}

main()
  .then(() => process.exit(0))
  .catch(async (error) => {
    console.error(`[start] ${lastLine(error instanceof Error ? error.message : String(error))}`);
    await closePools().catch(() => {});
    process.exit(1);
  });
