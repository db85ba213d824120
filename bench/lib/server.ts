// Shared by the request-path benchmarks: a production build served by `next start` on its own port
// against the benchmark's scratch database, seeded tenants, load from autocannon, and the server's
// memory and PostgreSQL connections sampled from outside.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import autocannon from "autocannon";
import pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { createApiToken } from "@/lib/auth/tokens";
import { createUser } from "@/lib/auth/users";
import { seedSamplePolls } from "@/lib/seed/demo";
import { createTenant } from "@/lib/tenancy/provision";
import { type TenantPlacement } from "@/lib/tenancy/servers";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { needsBuild } from "../../scripts/lib/build";
import { inParallel, median, percentile, time } from "./bench";

export const BENCH_PORT = Number(process.env.BENCH_PORT ?? 3601);
export const hostOf = (slug: string) => `${slug}.localhost:${BENCH_PORT}`;
export const slugOf = (i: number) => `t${String(i).padStart(4, "0")}`;

/** Builds the app unless .next is newer than every source. */
export function ensureBuild(): void {
  if (!needsBuild()) return;
  console.log("building (next build)…");
  const result = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error("next build failed");
}

/** Tenants `slugOf(from)`… registered, `concurrency` at a time; the first `seeded` get an admin and sample polls. */
export async function provisionTenants(from: number, to: number, { seeded = 0, concurrency = 8 } = {}): Promise<void> {
  const indexes = Array.from({ length: to - from }, (_, k) => from + k);
  await inParallel(indexes, concurrency, async (i) => {
    const tenant = await createTenant({ slug: slugOf(i), name: `Bench ${i}` });
    if (i >= seeded) return;
    const db = tenantDb(tenant);
    await createUser(db, { username: "admin", email: `admin@${tenant.slug}.example`, password: "bench-password", role: "admin" });
    await seedSamplePolls(db, tenant.slug);
  });
}

/** `cpuMs` is the CPU time (user + system) the server's processes have used so far. */
export type Server = { pid: number; rssMb: () => number; cpuMs: () => number; stop: () => Promise<void> };

/** `next start` on BENCH_PORT (or `port`) with the scratch database; resolves once it answers. */
export async function startServer(databaseUrl: string, env: Record<string, string> = {}, port = BENCH_PORT): Promise<Server> {
  const child: ChildProcess = spawn("node_modules/.bin/next", ["start", "-p", String(port)], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      ROOT_DOMAIN: "localhost",
      NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret",
      AUTH_TRUST_HOST: "1",
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
    detached: true, // its own process group, so stop() ends next and any server process it forks
  });
  const pid = child.pid!;
  const deadline = Date.now() + 60_000;
  while ((await get(`localhost:${port}`, "/", {}, port).catch(() => 0)) === 0) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error("next start did not come up");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    pid,
    rssMb: () => treeRssKb(pid) / 1024,
    cpuMs: () => treeCpuMs(pid),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-pid, "SIGTERM");
      await exited;
    },
  };
}

/** A GET's status (0 on a connection error). */
export function get(host: string, path: string, headers: Record<string, string> = {}, port = BENCH_PORT): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path, headers: { host, ...headers } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
  });
}

/** Resident memory of a process and all its descendants (next start and any worker it forks), in kB. */
function treeRssKb(root: number): number {
  return sumOverTree(root, (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0));
}

const CLOCK_TICKS_PER_MS = 100 / 1000; // USER_HZ, 100 on Linux

/** CPU time (utime + stime) of a process and all its descendants, in ms. */
function treeCpuMs(root: number): number {
  return sumOverTree(root, (pid) => {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_MS;
  });
}

function sumOverTree(root: number, measure: (pid: number) => number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  const queue = [root];
  while (queue.length) {
    const pid = queue.pop()!;
    try {
      total += measure(pid);
    } catch {
      // gone
    }
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

export type LoadRequest = { host: string; path: string };
/** `cpuMs`: the server's CPU time per request, when `load` was given the server (NaN otherwise). */
export type LoadResult = { rps: number; p50: number; p99: number; cpuMs: number; requests: number; failures: number };

type LoadOptions = { seconds?: number; connections?: number; overallRate?: number; server?: Server };

/**
 * Drives the requests round-robin for `seconds` over `connections` keep-alive connections. The load
 * generator shares the machine's cores with the server, so req/s moves with whatever else runs; the
 * server's CPU time per request (given `server`) is the steadier figure for comparing two handlers.
 */
export async function load(
  requests: LoadRequest[],
  { seconds = Number(process.env.BENCH_SECONDS ?? 5), connections = 10, overallRate, server }: LoadOptions = {},
): Promise<LoadResult> {
  const cpuBefore = server?.cpuMs() ?? NaN;
  const result = await autocannon({
    url: `http://127.0.0.1:${BENCH_PORT}`,
    connections,
    duration: seconds,
    overallRate,
    requests: requests.map((r) => ({ method: "GET", path: r.path, headers: { host: r.host } })),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMs: ((server?.cpuMs() ?? NaN) - cpuBefore) / result.requests.total,
    requests: result.requests.total,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

/** A load's medians over the rounds, and each round's own result (in round order). */
export type Alternated = LoadResult & { rounds: LoadResult[] };

/**
 * Runs each named load once per round, `rounds` times, and reports the medians. Each round starts one
 * load further along (A B C, B C A, C A B, …), so no load always runs right after the same other one
 * (after a page load's garbage, say).
 */
export async function alternate(rounds: number, runs: Record<string, () => Promise<LoadResult>>): Promise<Record<string, Alternated>> {
  const names = Object.keys(runs);
  const samples: Record<string, LoadResult[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length];
      samples[name].push(await runs[name]());
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([name, list]) => [
      name,
      {
        rps: median(list.map((s) => s.rps)),
        p50: median(list.map((s) => s.p50)),
        p99: median(list.map((s) => s.p99)),
        cpuMs: median(list.map((s) => s.cpuMs)),
        requests: list.reduce((n, s) => n + s.requests, 0),
        failures: list.reduce((n, s) => n + s.failures, 0),
        rounds: list,
      },
    ]),
  );
}

/**
 * Throughput kept by `ours` against `base`, by req/s and by the server's CPU time per request (the
 * steadier of the two): the median of the rounds' own ratios, with their range.
 */
export function ratio(ours: Alternated, base: Alternated): string {
  const perRound = (of: (r: LoadResult) => number) => ours.rounds.map((r, i) => of(r) / of(base.rounds[i]));
  const summary = (values: number[]) =>
    `${median(values).toFixed(3)} (rounds ${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})`;
  return `${summary(perRound((r) => r.rps))} by req/s, ${summary(perRound((r) => 1 / r.cpuMs))} by CPU per request`;
}

export function row(label: string, r: LoadResult): string {
  const cpu = Number.isNaN(r.cpuMs) ? "" : `  CPU ${r.cpuMs.toFixed(2)} ms/req`;
  return `  ${label.padEnd(46)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99
    .toFixed(1)
    .padStart(6)} ms${cpu}  (${r.requests} requests, ${r.failures} failed)`;
}

/** PostgreSQL connections the app holds on the scratch database, sampled until stopped. */
export function sampleConnections(databaseUrl: string, everyMs = 100) {
  const client = new pg.Client({ connectionString: databaseUrl });
  const database = new URL(databaseUrl).pathname.slice(1);
  let max = 0;
  let last = 0;
  let timer: NodeJS.Timeout | undefined;
  const ready = client.connect().then(() => {
    const tick = async () => {
      const { rows } = await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
        [database],
      );
      last = rows[0].n;
      max = Math.max(max, last);
      timer = setTimeout(() => void tick().catch(() => {}), everyMs);
    };
    return tick();
  });
  return {
    ready,
    /** The highest count since the last reset, and resets it. */
    takeMax() {
      const value = max;
      max = last;
      return value;
    },
    current: () => last,
    stop: async () => {
      clearTimeout(timer);
      await client.end();
    },
  };
}

export type VoteBurst = { voters: number; statuses: Map<number, number>; counted: number; distinct: number; p50: number; p99: number };

/**
 * 100 voters of the tenant (made here, with API tokens) each send two votes at once, one per choice of a new
 * poll, all 200 requests in flight together, through POST /api/polls/:id/choices/:choiceId/vote on the server
 * at BENCH_PORT. Exactly one vote per voter must count. The tenant's admin (from `provisionTenants`) owns the poll.
 */
export async function voteBurst(tenant: TenantPlacement, voters = 100): Promise<VoteBurst> {
  const db = tenantDb(tenant);
  const admin = await db.user.findFirstOrThrow({ where: { role: "admin" }, select: { id: true } });
  const poll = await db.poll.create({
    data: { question: `Votes benchmark ${Date.now()}`, createdById: admin.id, choices: { create: [{ choiceText: "A" }, { choiceText: "B" }] } },
    select: { id: true, choices: { select: { id: true }, orderBy: { id: "asc" } } },
  });
  const passwordHash = await hashPassword("bench-voter-password");
  const tokens: string[] = [];
  for (let i = 0; i < voters; i++) {
    const user = await db.user.create({
      data: { username: `voter${poll.id}_${i}`, email: `voter${i}@example.com`, passwordHash, role: "voter" },
      select: { id: true },
    });
    tokens.push(await createApiToken(db, user.id));
  }
  const attempts = tokens.flatMap((token) => poll.choices.map((choice) => ({ token, choiceId: choice.id })));
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 200 });
  await Promise.all(
    attempts.map(async ({ token, choiceId }) => {
      const { ms, value } = await time(() => postVote(agent, hostOf(tenant.slug), `/api/polls/${poll.id}/choices/${choiceId}/vote`, token));
      latencies.push(ms);
      statuses.set(value, (statuses.get(value) ?? 0) + 1);
    }),
  );
  agent.destroy();
  const counted = await db.vote.count({ where: { pollId: poll.id } });
  const distinct = (await db.vote.groupBy({ by: ["votedById"], where: { pollId: poll.id } })).length;
  return { voters, statuses, counted, distinct, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** Prints a burst's outcome; a count other than one vote per voter fails the benchmark's run. */
export function printVoteBurst(burst: VoteBurst, label = ""): void {
  const byStatus = [...burst.statuses].sort().map(([status, n]) => `${n}×${status}`).join(", ");
  console.log(`\nvotes${label}: ${burst.voters} voters × 2 concurrent votes through POST /api/polls/:id/choices/:choiceId/vote`);
  console.log(`  responses ${byStatus}; votes counted ${burst.counted} (${burst.distinct} distinct voters; expected exactly ${burst.voters})`);
  console.log(`  latency p50 ${burst.p50.toFixed(1)} ms, p99 ${burst.p99.toFixed(1)} ms`);
  if (burst.counted !== burst.voters) process.exitCode = 1;
}

function postVote(agent: http.Agent, host: string, path: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: BENCH_PORT, path, method: "POST", agent, headers: { host, authorization: `Token ${token}`, "content-length": "0" } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end();
  });
}
