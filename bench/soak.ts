// `npm run bench:soak [-- --duration 5m] [--rate 100] [--tenants 100]`: a fixed request rate across many
// tenants (GET /api/polls and the poll page, round-robin) against a production build, printing the
// server's RSS and PostgreSQL connections every `--every` (30 s). Goal: 0 errors, RSS and connections flat.
import { parseArgs } from "node:util";
import { closePools } from "@/lib/db/pools";
import { runBenchmark } from "./lib/bench";
import { BENCH_PORT, ensureBuild, hostOf, load, provisionTenants, sampleConnections, slugOf, startServer, type LoadResult } from "./lib/server";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "5m" },
    rate: { type: "string", default: "100" },
    tenants: { type: "string", default: "100" },
    every: { type: "string", default: "30s" },
  },
});

/** "90", "90s", "5m" → seconds. */
function seconds(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(s|m)?$/.exec(value.trim());
  if (!match) throw new Error(`not a duration: ${value} (use 90s or 5m)`);
  return Number(match[1]) * (match[2] === "m" ? 60 : 1);
}

const duration = seconds(values.duration);
const every = Math.min(seconds(values.every), duration);
const rate = Number(values.rate);
const tenantCount = Number(values.tenants);

ensureBuild();

runBenchmark(async (scratch) => {
  await provisionTenants(0, tenantCount, { seeded: tenantCount });
  await closePools();
  const server = await startServer(scratch.url);
  const connections = sampleConnections(scratch.url, 250);
  await connections.ready;
  try {
    const slugs = Array.from({ length: tenantCount }, (_, i) => slugOf(i));
    const requests = slugs.flatMap((slug) => [
      { host: hostOf(slug), path: "/api/polls" },
      { host: hostOf(slug), path: "/polls/1" },
    ]);
    console.log(`soak: ${rate} req/s for ${duration} s over ${tenantCount} tenants (API + poll page), next start on port ${BENCH_PORT}`);
    console.log(`  ${"t".padStart(6)}  ${"RSS".padStart(7)}  conns (max)  req/s   p99      failed`);
    console.log(`  ${"0 s".padStart(6)}  ${server.rssMb().toFixed(0).padStart(4)} MB  ${String(connections.current()).padStart(5)}`);
    const totals: LoadResult[] = [];
    for (let t = 0; t < duration; t += every) {
      const slice = Math.min(every, duration - t);
      const result = await load(requests, { seconds: slice, connections: 10, overallRate: rate });
      totals.push(result);
      console.log(
        `  ${`${t + slice} s`.padStart(6)}  ${server.rssMb().toFixed(0).padStart(4)} MB  ${String(connections.current()).padStart(5)} (${String(connections.takeMax()).padStart(2)})  ${result.rps
          .toFixed(0)
          .padStart(5)}  ${result.p99.toFixed(1).padStart(6)} ms  ${result.failures}`,
      );
    }
    const failed = totals.reduce((n, r) => n + r.failures, 0);
    const sent = totals.reduce((n, r) => n + r.requests, 0);
    console.log(`  total: ${sent} requests, ${failed} failed (goal 0)`);
    if (failed > 0) process.exitCode = 1;
  } finally {
    await connections.stop();
    await server.stop();
  }
});
