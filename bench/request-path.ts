// `npm run bench:request-path`: the cost of tenancy on the request path, against a production build.
//   overhead     GET /api/polls (tenant from the host) and the poll page (proxy + tenant lookup) vs the same
//                handler and page with tenancy bypassed (app/bench-baseline: one schema, no proxy pass, no
//                host routing, no registry lookup; the page also through the proxy alone, app/site/bench-proxied),
//                runs alternated
//   scale        the poll page and GET /api/polls over 2 tenants vs 200 of 1,000 registered, round-robin
//   memory       server RSS and PostgreSQL connections while 1,000 tenants are hit (one shared client per server)
//   votes        100 voters × 2 concurrent votes through the API: exactly one vote each, p99
//   memory per tenant  what one more tenant costs the shared client, measured in this process with forced collection
//                (bench/memory.ts compares it with the former client-per-tenant design)
// Environment: BENCH_SECONDS (5) per run, BENCH_ROUNDS (3) A/B rounds, BENCH_WARMUP (10) seconds, BENCH_CONNECTIONS (10),
// BENCH_TENANTS (1000), BENCH_PASSES (3) over all of them, BENCH_PORT (3601), TENANT_CLIENT_CACHE_SIZE (500), BENCH_DATABASE_URL.
import { closePools } from "@/lib/db/pools";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { inParallel, runBenchmark, time } from "./lib/bench";
import {
  alternate,
  BENCH_PORT,
  ensureBuild,
  get,
  hostOf,
  load,
  provisionTenants,
  ratio,
  row,
  printVoteBurst,
  sampleConnections,
  slugOf,
  voteBurst,
  startServer,
  type LoadRequest,
} from "./lib/server";

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const registered = Number(process.env.BENCH_TENANTS ?? 1000);
const cacheSize = Number(process.env.TENANT_CLIENT_CACHE_SIZE ?? 500);
const poolMax = Number(process.env.DB_POOL_MAX ?? 10);
const HIT = 200;

const api = (slugs: string[]): LoadRequest[] => slugs.map((slug) => ({ host: hostOf(slug), path: "/api/polls" }));
const page = (slugs: string[]): LoadRequest[] => slugs.map((slug) => ({ host: hostOf(slug), path: "/polls/1" }));
const warmup = Number(process.env.BENCH_WARMUP ?? 10);


ensureBuild();

runBenchmark(async (scratch) => {
  const two = [slugOf(0), slugOf(1)];
  const hit = Array.from({ length: HIT }, (_, i) => slugOf(i));
  await provisionTenants(0, 2, { seeded: 2 });
  await closePools(); // from here on the only connections on the scratch database are the server's

  const server = await startServer(scratch.url, {
    BENCH_BASELINE_SCHEMA: slugOf(0),
    TENANT_CLIENT_CACHE_SIZE: String(cacheSize),
    DB_POOL_MAX: String(poolMax),
  });
  const connectionsSampler = sampleConnections(scratch.url);
  await connectionsSampler.ready;
  try {
    console.log(`server: next start on 127.0.0.1:${BENCH_PORT}; autocannon, ${connections} connections, ${process.env.BENCH_SECONDS ?? 5} s per run, ${rounds} alternated rounds, medians`);
    const baselineApi: LoadRequest[] = [{ host: `localhost:${BENCH_PORT}`, path: "/bench-baseline" }];
    const baselinePage: LoadRequest[] = [{ host: `localhost:${BENCH_PORT}`, path: "/bench-baseline/polls/1" }];
    const proxiedBaselinePage: LoadRequest[] = [{ host: `localhost:${BENCH_PORT}`, path: "/bench-proxied/polls/1" }];
    for (const [label, status] of [
      ["API baseline", await get(baselineApi[0].host, baselineApi[0].path)],
      ["page baseline", await get(baselinePage[0].host, baselinePage[0].path)],
      ["proxied page baseline", await get(proxiedBaselinePage[0].host, proxiedBaselinePage[0].path)],
      ["tenant API", await get(hostOf(two[0]), "/api/polls")],
      ["tenant page", await get(hostOf(two[0]), "/polls/1")],
    ] as const) {
      if (status !== 200) throw new Error(`${label} answered ${status}`);
    }
    const rssStart = server.rssMb();
    // Warm-up: JIT, pools, caches. The page needs several seconds of load before its cost settles.
    await load([...baselineApi, ...baselinePage, ...proxiedBaselinePage, ...api(two), ...page(two)], { seconds: warmup, connections });

    console.log("\noverhead: one tenant's schema, 2 tenants registered; tenancy vs bypassed, alternated");
    const overhead = await alternate(rounds, {
      apiBaseline: () => load(baselineApi, { connections, server }),
      api: () => load(api([two[0]]), { connections, server }),
      pageBaseline: () => load(baselinePage, { connections, server }),
      pageProxied: () => load(proxiedBaselinePage, { connections, server }),
      page: () => load(page([two[0]]), { connections, server }),
    });
    console.log(row("GET /api/polls, tenancy bypassed (one schema)", overhead.apiBaseline));
    console.log(row("GET /api/polls, tenant from the host", overhead.api));
    console.log(`  ratio ${ratio(overhead.api, overhead.apiBaseline)}  (goal ≥ 0.95)`);
    console.log(row("poll page, tenancy bypassed, no proxy pass", overhead.pageBaseline));
    console.log(row("poll page, tenancy bypassed, proxy pass", overhead.pageProxied));
    console.log(row("poll page, through the proxy + tenant lookup", overhead.page));
    console.log(`  ratio ${ratio(overhead.page, overhead.pageBaseline)}  (goal ≥ 0.95)`);
    console.log(`    of which the proxy pass (CSP nonce + rewrite, any app with a nonce CSP pays it): ${ratio(overhead.pageProxied, overhead.pageBaseline)}`);
    console.log(`    of which tenancy (host → tenant, registry, host check):                        ${ratio(overhead.page, overhead.pageProxied)}`);

    const small = await alternate(rounds, {
      api: () => load(api(two), { connections, server }),
      page: () => load(page(two), { connections, server }),
    });
    console.log(`  connections during the runs: max ${connectionsSampler.takeMax()} (pool max ${poolMax}, + 1 LISTEN for registry changes)`);

    console.log(`\nregistering ${registered - 2} more tenants (${HIT - 2} of them with polls)…`);
    const provisioning = await time(() => provisionTenants(2, registered, { seeded: HIT }));
    console.log(`  took ${(provisioning.ms / 1000).toFixed(1)} s`);
    await closePools();
    connectionsSampler.takeMax();

    console.log(`\nmemory: RSS of the server while every tenant is hit once per pass (TENANT_CLIENT_CACHE_SIZE ${cacheSize})`);
    const rssBefore = server.rssMb();
    const all = Array.from({ length: registered }, (_, i) => slugOf(i));
    const passes: { label: string; slugs: string[] }[] = [
      { label: `first ${Math.min(cacheSize, registered)} tenants (cache fills)`, slugs: all.slice(0, cacheSize) },
      { label: `the other ${Math.max(0, registered - cacheSize)} (oldest bindings evicted)`, slugs: all.slice(cacheSize) },
      ...Array.from({ length: Number(process.env.BENCH_PASSES ?? 3) }, () => ({ label: `all ${registered} again`, slugs: all })),
    ];
    console.log(`  at start ${rssStart.toFixed(0)} MB; after the warm-up and runs on 2 tenants ${rssBefore.toFixed(0)} MB`);
    // Control: as many requests as the fill pass below, on the 2 tenants already cached. Whatever RSS
    // grows by here is the requests' own garbage and heap growth, not tenant clients.
    await hitOnce(Array.from({ length: cacheSize }, (_, i) => two[i % 2]));
    const rssControl = server.rssMb();
    console.log(`  after ${`${cacheSize} requests on 2 cached tenants`.padEnd(38)} ${rssControl.toFixed(0)} MB  (control)`);
    let rssAfterFill = rssControl;
    for (const [index, pass] of passes.entries()) {
      const failed = await hitOnce(pass.slugs);
      const rss = server.rssMb();
      if (index === 0) rssAfterFill = rss;
      console.log(`  after ${pass.label.padEnd(38)} ${rss.toFixed(0)} MB  (${failed} failed, connections max ${connectionsSampler.takeMax()})`);
    }
    const cached = Math.min(cacheSize, registered) - 2;
    const perTenant = (mb: number) => `${((mb * 1024) / cached).toFixed(0)} kB`;
    console.log(
      `  growth per tenant over the first pass: ${perTenant(rssAfterFill - rssControl)} (goal ≤ 200 kB);` +
        ` the control pass grew by ${(rssControl - rssBefore).toFixed(0)} MB`,
    );

    // The passes above left tenants 500-999 bound (the binding cache): warm the ones about to be hit, so the runs
    // compare steady states, not a first round that also binds 200 tenants.
    await hitOnce(hit);

    console.log(`\nscale: round-robin over 2 tenants vs ${HIT} of ${registered} registered (alternated)`);
    const large = await alternate(rounds, {
      api2: () => load(api(two), { connections, server }),
      api200: () => load(api(hit), { connections, server }),
      page2: () => load(page(two), { connections, server }),
      page200: () => load(page(hit), { connections, server }),
    });
    console.log(row("GET /api/polls, 2 tenants, 2 registered", small.api));
    console.log(row(`GET /api/polls, 2 tenants, ${registered} registered`, large.api2));
    console.log(row(`GET /api/polls, ${HIT} tenants, ${registered} registered`, large.api200));
    console.log(`  ratio ${HIT} / 2 tenants (same run): ${ratio(large.api200, large.api2)}  (goal ≥ 0.95)`);
    console.log(row("poll page, 2 tenants, 2 registered", small.page));
    console.log(row(`poll page, 2 tenants, ${registered} registered`, large.page2));
    console.log(row(`poll page, ${HIT} tenants, ${registered} registered`, large.page200));
    console.log(`  ratio ${HIT} / 2 tenants (same run): ${ratio(large.page200, large.page2)}  (goal ≥ 0.95)`);
    console.log(`  connections during the runs: max ${connectionsSampler.takeMax()}; RSS now ${server.rssMb().toFixed(0)} MB`);

    printVoteBurst(await voteBurst({ slug: two[0], databaseUrl: null }));
    await measureTenantMemory(hit);
  } finally {
    await connectionsSampler.stop();
    await server.stop();
  }
});

/**
 * The memory one more tenant costs, measured in this process (the server's RSS above moves with
 * its garbage collector by more than a tenant weighs): collect, bind each tenant and run one
 * query on each, collect again, and divide. Needs `node --expose-gc` (the npm script passes it).
 */
async function measureTenantMemory(slugs: string[]): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  console.log(`\nmemory per tenant on the shared client, in this process: ${slugs.length} tenants, one query each, collected before and after`);
  if (!gc) return console.log("  skipped: run with node --expose-gc");
  const placements = slugs.map((slug) => ({ slug, databaseUrl: null }));
  await tenantDb(placements[0]).poll.count(); // the pool, the engine's shared code and one client, outside the count
  const collected = async () => {
    gc();
    gc();
    const { heapUsed, external, rss } = process.memoryUsage();
    return { js: heapUsed + external, rss };
  };
  const before = await collected();
  for (const tenant of placements.slice(1)) await tenantDb(tenant).poll.count();
  const after = await collected();
  const perTenant = (bytes: number) => `${(bytes / 1024 / (placements.length - 1)).toFixed(0)} kB`;
  console.log(`  JS heap + external (wasm, buffers): ${perTenant(after.js - before.js)} per tenant; RSS: ${perTenant(after.rss - before.rss)} per tenant (goal ≤ 200 kB)`);
}

/** One GET /api/polls per tenant, 8 at a time; returns how many failed. */
async function hitOnce(slugs: string[]): Promise<number> {
  let failed = 0;
  await inParallel(slugs, 8, async (slug) => {
    if ((await get(hostOf(slug), "/api/polls")) !== 200) failed++;
  });
  return failed;
}

