// Live results under load: SUBSCRIBERS results streams over TENANTS tenants held open on one instance
// (next start, production build) while votes arrive over the API at RATE per second. Prints the
// vote-to-event latency (from sending the vote to a subscriber receiving the new total) on the same
// instance and on a second one, the server's RSS and CPU with and without the subscribers, and the
// PostgreSQL connections (one LISTEN per instance plus the pool: they must not grow with subscribers).
//
//   npm run bench:live      BENCH_SUBSCRIBERS=1000 BENCH_TENANTS=100 BENCH_RATE=20 BENCH_SECONDS=20
//                           BENCH_PORT=3601 (the second instance on BENCH_PORT+1); BENCH_DATABASE_URL
import http from "node:http";
import { createApiToken } from "@/lib/auth/tokens";
import { closePools } from "@/lib/db/pools";
import { createPoll } from "@/lib/polls/mutations";
import { findPoll } from "@/lib/polls/queries";
import { createTenant } from "@/lib/tenancy/provision";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { inParallel, percentile, runBenchmark } from "./lib/bench";
import { BENCH_PORT, ensureBuild, sampleConnections, slugOf, startServer, type Server } from "./lib/server";

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const TENANTS = Number(process.env.BENCH_TENANTS ?? 100);
const RATE = Number(process.env.BENCH_RATE ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const SECOND_PORT = BENCH_PORT + 1;

type Target = { slug: string; pollId: number; choiceId: number; voterTokens: string[] };

/** One tenant per target with a poll that shows its results to anyone, and enough voters (with API tokens) for the run. */
async function provision(votesPerTenant: number): Promise<Target[]> {
  const targets: Target[] = [];
  await inParallel(
    Array.from({ length: TENANTS }, (_, i) => i),
    8,
    async (i) => {
      const tenant = await createTenant({ slug: slugOf(i), name: `Live ${i}` });
      const db = tenantDb(tenant);
      // Users made directly: hashing a password per voter would dominate the set-up, and no one signs in.
      const owner = await db.user.create({ data: { username: "owner", passwordHash: "x", role: "admin" }, select: { id: true } });
      const { id } = await createPoll(db, owner.id, { question: "Live?", choices: ["Yes", "No"], resultsBeforeVoting: true });
      const poll = (await findPoll(db, id))!;
      const voterTokens: string[] = [];
      for (let v = 0; v < votesPerTenant; v++) {
        const voter = await db.user.create({ data: { username: `voter${v}`, passwordHash: "x" }, select: { id: true } });
        voterTokens.push(await createApiToken(db, voter.id));
      }
      targets[i] = { slug: tenant.slug, pollId: id, choiceId: poll.choices[0].id, voterTokens };
    },
  );
  return targets;
}

type Subscriber = { close: () => void };

/** A results stream that calls `onTotal` with each event's total. */
function subscribe(port: number, target: Target, onTotal: (total: number, at: number) => void): Promise<Subscriber> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: "127.0.0.1", port, path: `/api/polls/${target.pollId}/results/stream`, headers: { host: `${target.slug}.localhost:${port}`, accept: "text/event-stream" }, agent: false },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
        let buffer = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
            buffer = buffer.slice(end + 2);
            if (data) onTotal((JSON.parse(data) as { total: number }).total, performance.now());
          }
        });
        res.on("error", () => {});
        resolve({ close: () => req.destroy() });
      },
    );
    req.on("error", reject);
  });
}

function postVote(port: number, target: Target, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: `/api/polls/${target.pollId}/choices/${target.choiceId}/vote`,
        headers: { host: `${target.slug}.localhost:${port}`, authorization: `Token ${token}`, "content-length": "0" },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

type Phase = { latencies: number[]; failures: number; cpuPercent: number; rssMb: number; connections: number; missed: number };

/**
 * Votes at RATE per second for SECONDS, round-robin over the targets, through `votePort`. Each vote's
 * latency is measured to every subscriber of its poll that sees its total (votes on one poll never
 * overlap at these rates: one every TENANTS / RATE seconds).
 */
async function runVotes(targets: Target[], votePort: number, server: Server, connections: ReturnType<typeof sampleConnections>, sentAt: Map<string, number>, receivedBy: Map<string, number[]>, used: number[]): Promise<Phase> {
  const cpuBefore = server.cpuMs();
  const started = performance.now();
  let failures = 0;
  const votes: Promise<void>[] = [];
  connections.takeMax();
  for (let n = 0; n < RATE * SECONDS; n++) {
    const due = started + (n * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const t = n % targets.length;
    const target = targets[t];
    const token = target.voterTokens[used[t]++];
    const total = used[t];
    sentAt.set(`${t}:${total}`, performance.now());
    votes.push(postVote(votePort, target, token).then((status) => void (status === 201 || failures++)));
  }
  await Promise.all(votes);
  await new Promise((resolve) => setTimeout(resolve, 2_000)); // the last events
  const elapsedMs = performance.now() - started;
  const latencies: number[] = [];
  let missed = 0;
  for (const [key, sent] of sentAt) {
    const received = receivedBy.get(key) ?? [];
    latencies.push(...received.map((at) => at - sent));
    if (received.length === 0) missed++;
  }
  return { latencies, failures, cpuPercent: ((server.cpuMs() - cpuBefore) / elapsedMs) * 100, rssMb: server.rssMb(), connections: connections.takeMax(), missed };
}

function report(label: string, phase: Phase, subscribers: number): void {
  const { latencies } = phase;
  const figures = latencies.length
    ? `vote-to-event p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms over ${latencies.length} deliveries (${phase.missed} votes unseen)`
    : "no subscribers";
  console.log(`  ${label.padEnd(44)} ${figures}; server A CPU ${phase.cpuPercent.toFixed(0)} %, RSS ${phase.rssMb.toFixed(0)} MB; PostgreSQL connections max ${phase.connections} (${subscribers} subscribers); ${phase.failures} votes failed`);
}

runBenchmark(async (scratch) => {
  ensureBuild();
  console.log(`provisioning ${TENANTS} tenants, a poll and ${Math.ceil((RATE * SECONDS * 3) / TENANTS)} voters each…`);
  const targets = await provision(Math.ceil((RATE * SECONDS * 3) / TENANTS));
  await closePools(); // from here on, the connections counted are the servers' alone
  const connections = sampleConnections(scratch.url, 100);
  await connections.ready;
  const a = await startServer(scratch.url);
  const b = await startServer(scratch.url, {}, SECOND_PORT);
  const used = targets.map(() => 0);
  const subscribers: Subscriber[] = [];
  try {
    // Warm both instances: the API and the stream route once per tenant.
    for (const port of [BENCH_PORT, SECOND_PORT]) {
      await inParallel(targets, 10, async (target) => {
        const s = await subscribe(port, target, () => {});
        s.close();
      });
    }
    console.log(`\n${RATE} votes/s for ${SECONDS} s over ${TENANTS} tenants (load average at start: ${(await import("node:os")).loadavg()[0].toFixed(1)})`);

    const none = await runVotes(targets, BENCH_PORT, a, connections, new Map(), new Map(), used);
    report("no subscribers", none, 0);

    const listen = async (port: number) => {
      const receivedBy = new Map<string, number[]>();
      for (let k = 0; k < SUBSCRIBERS; k++) {
        const t = k % targets.length;
        subscribers.push(
          await subscribe(port, targets[t], (total, at) => {
            const key = `${t}:${total}`;
            receivedBy.set(key, [...(receivedBy.get(key) ?? []), at]);
          }),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 2_000)); // every stream's first event
      return receivedBy;
    };
    const closeAll = () => subscribers.splice(0).forEach((s) => s.close());

    const same = await listen(BENCH_PORT);
    report(`${SUBSCRIBERS} subscribers on A, votes to A`, await runVotes(targets, BENCH_PORT, a, connections, new Map(), same, used), SUBSCRIBERS);
    closeAll();

    const across = await listen(SECOND_PORT);
    report(`${SUBSCRIBERS} subscribers on B, votes to A`, await runVotes(targets, BENCH_PORT, a, connections, new Map(), across, used), SUBSCRIBERS);
    closeAll();
  } finally {
    subscribers.forEach((s) => s.close());
    await a.stop();
    await b.stop();
    await connections.stop();
  }
});
