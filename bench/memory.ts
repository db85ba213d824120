// `npm run bench:memory`: what tenants cost the data layer, the shared client (one PrismaClient per
// server, lib/tenancy/tenant-db.ts) side by side with the former design (a PrismaClient per tenant in a
// 500-client LRU, evicted clients disconnected after 1 s), in one run. Each figure comes from its own
// fresh process (so one design's leftovers cannot weigh on the other's), collected with --expose-gc:
//   memory   JS heap, external (WebAssembly, buffers) and RSS grown per tenant after 1, 100, 500 and 5,000
//            tenants each ran one query, tenants 8 at a time as concurrent requests would
//   churn    RSS after each of BENCH_PASSES (3) passes over the 5,000 tenants
//   cpu      CPU per request's data access (this process: client, engine, driver; not PostgreSQL) for three
//            workloads — one poll lookup, the API's poll list (GET /api/polls: count + a page of 10 polls with
//            choices and vote counts) and the poll page (the poll with its counts + the reader's vote) — on one
//            hot tenant and round-robin over 100: BENCH_OPERATIONS (6,000) per design and workload after a warm
//            pass, both designs in one process in alternated rounds (the median round), so the machine's load
//            weighs on both alike; with the PostgreSQL connections the run held (server side, and the pool's own)
// Tenants 1–100 are fully migrated and seeded with an admin and the sample polls; tenants past 100 hold a copy
// of the Poll table only: the memory figures are the clients', not the database's.
// Environment: BENCH_DATABASE_URL (a local server, e.g. a PgBouncer in front of one; default: embedded PostgreSQL),
// BENCH_PARTS (memory,cpu).
import { execFileSync } from "node:child_process";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/tenant/client";
import { closePools, poolFor } from "@/lib/db/pools";
import { defaultServerUrl } from "@/lib/db/public-db";
import { createUser } from "@/lib/auth/users";
import { findPoll, listPolls } from "@/lib/polls/queries";
import { findUserVote } from "@/lib/polls/votes";
import { seedSamplePolls } from "@/lib/seed/demo";
import { migrateTenant } from "@/lib/tenancy/migrate";
import { quoteIdent } from "@/lib/tenancy/schema-name";
import { tenantDb, type TenantDb } from "@/lib/tenancy/tenant-db";
import { inParallel, median, runBenchmark } from "./lib/bench";
import { slugOf } from "./lib/server";

type Design = "shared" | "per-tenant";
type Memory = { heap: number; external: number; rss: number };
type MemoryResult = { design: Design; tenants: number; base: Memory; passes: Memory[] };
type Workload = "poll lookup" | "API poll list" | "poll page";
type CpuResult = { design: Design; workload: Workload; tenants: number; usPerOperation: number; operations: number };
type Connections = { server: number; pool: number };
type CpuRun = { results: CpuResult[]; connections: Connections };

const DESIGNS: Design[] = ["per-tenant", "shared"];
const SIZES = [1, 100, 500, 5000];
const CHURN = 5000;
const passes = Number(process.env.BENCH_PASSES ?? 3);
const operations = Number(process.env.BENCH_OPERATIONS ?? 6000);
const CPU_ROUNDS = 6;
const parts = (process.env.BENCH_PARTS ?? "memory,cpu").split(",");
const FORMER_CACHE_SIZE = 500;
const FORMER_RETIRE_GRACE_MS = 1_000;
const SEEDED = 100;

type Poll = { poll: { findFirst: (args: { select: { id: true; question: true } }) => Promise<unknown> } };
const readPoll = (db: Poll) => db.poll.findFirst({ select: { id: true, question: true } });

/** What each workload reads, on a seeded tenant: its newest poll and its admin (user 1). */
const WORKLOADS: Record<Workload, (db: TenantDb) => Promise<unknown>> = {
  "poll lookup": readPoll,
  "API poll list": (db) => listPolls(db, { page: 1, pageSize: 10 }),
  "poll page": async (db) => {
    const poll = await findPoll(db, 1);
    return poll && findUserVote(db, poll.id, 1);
  },
};

/** The former factory, kept here only to compare: one client per tenant, cached in an LRU, retired after a grace. */
function perTenantClients(): (slug: string) => PrismaClient {
  const clients = new Map<string, PrismaClient>();
  return (slug) => {
    let client = clients.get(slug);
    if (client) clients.delete(slug);
    else {
      client = new PrismaClient({ adapter: new PrismaPg(poolFor(defaultServerUrl()), { schema: slug }) });
      for (const [key, evicted] of clients) {
        if (clients.size < FORMER_CACHE_SIZE) break;
        clients.delete(key);
        setTimeout(() => void evicted.$disconnect(), FORMER_RETIRE_GRACE_MS).unref();
      }
    }
    clients.set(slug, client);
    return client;
  };
}

/** Both designs' clients answer the same queries; the former's is typed as the shared one's for the workloads. */
function openerFor(design: Design): (slug: string) => TenantDb {
  if (design === "shared") return (slug) => tenantDb({ slug, databaseUrl: null });
  const open = perTenantClients();
  return (slug) => open(slug) as unknown as TenantDb;
}

/** Memory once garbage is collected; waits out the former design's retire grace first, for both designs alike. */
async function collected(): Promise<Memory> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with node --expose-gc (npm run bench:memory does)");
  await new Promise((resolve) => setTimeout(resolve, FORMER_RETIRE_GRACE_MS + 500));
  gc();
  gc();
  const { heapUsed, external, rss } = process.memoryUsage();
  return { heap: heapUsed, external, rss };
}

/** Tenants 1..n (tenant 0 warms the pool and the engine's code outside the count). */
const measured = (n: number) => Array.from({ length: n }, (_, i) => slugOf(i + 1));

async function measureMemory(design: Design, tenants: number, passCount: number): Promise<MemoryResult> {
  const open = openerFor(design);
  await readPoll(open(slugOf(0)));
  const base = await collected();
  const after: Memory[] = [];
  for (let pass = 0; pass < passCount; pass++) {
    await inParallel(measured(tenants), 8, (slug) => readPoll(open(slug)));
    after.push(await collected());
  }
  return { design, tenants, base, passes: after };
}

/**
 * Both designs in one process, in alternated rounds, so that the machine's load weighs on both alike;
 * the median round per design and workload. Then the connections the run left open.
 */
async function measureCpu(tenants: number): Promise<CpuRun> {
  const slugs = measured(tenants);
  const openers = DESIGNS.map((design) => ({ design, open: openerFor(design) }));
  const results: CpuResult[] = [];
  for (const [workload, run] of Object.entries(WORKLOADS) as [Workload, (db: TenantDb) => Promise<unknown>][]) {
    const rounds = new Map<Design, number[]>(DESIGNS.map((design) => [design, []]));
    for (const { open } of openers) for (const slug of slugs) await run(open(slug));
    const perRound = Math.ceil(operations / CPU_ROUNDS);
    for (let round = 0; round < CPU_ROUNDS; round++) {
      for (const { design, open } of openers) {
        const started = process.cpuUsage();
        for (let i = 0; i < perRound; i++) await run(open(slugs[i % slugs.length]));
        const { user, system } = process.cpuUsage(started);
        rounds.get(design)!.push((user + system) / perRound);
      }
    }
    for (const design of DESIGNS) results.push({ design, workload, tenants, operations: perRound * CPU_ROUNDS, usPerOperation: median(rounds.get(design)!) });
  }
  // Connections under concurrency: 32 requests at a time over the tenants, both designs, then counted.
  const burst = Array.from({ length: 4 * Math.max(slugs.length, 32) }, (_, i) => openers[i % 2].open(slugs[i % slugs.length]));
  await inParallel(burst, 32, (db) => WORKLOADS["poll page"](db));
  return { results, connections: await openConnections() };
}

/** Server-side backends on this database (through PgBouncer: its server connections) and the pool's clients. */
async function openConnections(): Promise<Connections> {
  const pool = poolFor(defaultServerUrl());
  const { rows } = await pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'",
  );
  return { server: rows[0].n, pool: pool.totalCount };
}

/** Runs one measurement in a fresh process and returns what it printed. */
function inChild<T>(databaseUrl: string, args: string[]): T {
  const out = execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", "bench/memory.ts", "--child", ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split("\n").at(-1)!) as T;
}

/**
 * Tenant schemas t0000…: t0000–t0100 fully migrated, t0001–t0100 seeded with an admin and the sample polls (the
 * CPU workloads read them), the rest a copy of t0000's Poll table, 250 per statement.
 */
async function createSchemas(count: number): Promise<void> {
  const template = slugOf(0);
  const seeded = measured(Math.min(SEEDED, count));
  await migrateTenant({ slug: template, databaseUrl: null });
  await inParallel(seeded, 4, async (slug) => {
    await migrateTenant({ slug, databaseUrl: null });
    const db = tenantDb({ slug, databaseUrl: null });
    await createUser(db, { username: "admin", email: `admin@${slug}.example`, password: "bench-password", role: "admin" });
    await seedSamplePolls(db, slug);
  });
  const pool = poolFor(defaultServerUrl());
  const rest = Array.from({ length: count - seeded.length }, (_, i) => slugOf(seeded.length + i + 1));
  for (let i = 0; i < rest.length; i += 250) {
    const ddl = rest
      .slice(i, i + 250)
      .map((slug) => `CREATE SCHEMA ${quoteIdent(slug)}; CREATE TABLE ${quoteIdent(slug)}."Poll" (LIKE ${quoteIdent(template)}."Poll" INCLUDING ALL);`);
    await pool.query(ddl.join("\n"));
  }
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function printMemory(results: MemoryResult[]): void {
  console.log("\nmemory grown per tenant after every tenant ran one query (collected)");
  console.log("| tenants | design | JS heap / tenant | external (wasm) / tenant | RSS / tenant | RSS |");
  console.log("|---|---|---|---|---|---|");
  for (const r of results) {
    const [first] = r.passes;
    const per = (field: keyof Memory) => kB((first[field] - r.base[field]) / r.tenants);
    console.log(`| ${r.tenants.toLocaleString("en")} | ${r.design} | ${per("heap")} | ${per("external")} | ${per("rss")} | ${MB(first.rss)} |`);
  }
  console.log(`\nchurn: RSS after each pass over ${CHURN.toLocaleString("en")} tenants (start = after one warm tenant)`);
  for (const r of results.filter((result) => result.passes.length > 1)) {
    console.log(`  ${r.design.padEnd(10)} start ${MB(r.base.rss)}  ${r.passes.map((p, i) => `pass ${i + 1}: ${MB(p.rss)}`).join("  ")}`);
  }
}

function printCpu(runs: CpuRun[]): void {
  console.log(`\nCPU per request's data access in this process (sequential; median of ${CPU_ROUNDS} alternated rounds, ${operations.toLocaleString("en")} per design and workload)`);
  console.log("| workload | tenants | client per tenant | shared client | shared / per tenant |");
  console.log("|---|---|---|---|---|");
  for (const { results } of runs) {
    for (const workload of Object.keys(WORKLOADS) as Workload[]) {
      const [former, shared] = DESIGNS.map((design) => results.find((r) => r.workload === workload && r.design === design)!);
      const us = (r: CpuResult) => `${r.usPerOperation.toFixed(0)} µs`;
      console.log(`| ${workload} | ${former.tenants} | ${us(former)} | ${us(shared)} | ${(shared.usPerOperation / former.usPerOperation).toFixed(2)} |`);
    }
  }
  for (const { results, connections } of runs) {
    console.log(`PostgreSQL connections after ${results[0].tenants} tenant(s) were read 32 requests at a time (both designs, one pool per server): ${connections.server} server backends, ${connections.pool} in the pool`);
  }
}

async function child([mode, design, tenants, passCount]: string[]): Promise<void> {
  const result = mode === "cpu" ? await measureCpu(Number(design)) : await measureMemory(design as Design, Number(tenants), Number(passCount));
  await closePools();
  console.log(JSON.stringify(result));
}

if (process.argv[2] === "--child") {
  child(process.argv.slice(3)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  runBenchmark(async (scratch) => {
    const schemas = parts.includes("memory") ? CHURN : SEEDED;
    console.log(`creating ${schemas.toLocaleString("en")} tenant schemas…`);
    await createSchemas(schemas);
    await closePools();
    if (parts.includes("memory")) {
      const memory: MemoryResult[] = [];
      for (const tenants of SIZES) {
        for (const design of DESIGNS) {
          const passCount = tenants === CHURN ? passes : 1;
          memory.push(inChild<MemoryResult>(scratch.url, ["memory", design, String(tenants), String(passCount)]));
          console.log(`  measured ${design} at ${tenants} tenants`);
        }
      }
      printMemory(memory);
    }
    if (parts.includes("cpu")) printCpu([1, 100].map((tenants) => inChild<CpuRun>(scratch.url, ["cpu", String(tenants)])));
  });
}
