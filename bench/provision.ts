// `npm run bench:provision`: provisioning one tenant (registry row + schema + every tenant migration)
// in-process, against the naive way: a `prisma migrate deploy` subprocess with `?schema=<slug>`.
//   BENCH_TENANTS (default 30) in-process samples, BENCH_PRISMA_SAMPLES (default 5) subprocess samples.
import { poolFor } from "@/lib/db/pools";
import { defaultServerUrl } from "@/lib/db/public-db";
import { deployWithPrisma, tenantTarget } from "@/lib/tenancy/migrate-all";
import { createTenant } from "@/lib/tenancy/provision";
import { median, ms, percentile, ratio, runBenchmark, time } from "./lib/bench";

const samples = Number(process.env.BENCH_TENANTS ?? 30);
const prismaSamples = Number(process.env.BENCH_PRISMA_SAMPLES ?? 5);

runBenchmark(async () => {
  // Warm-up: module loading, the pool's first connections, the migration files' cache.
  for (let i = 0; i < 3; i++) await createTenant({ slug: `warm_${i}`, name: "warm-up" });

  const ours: number[] = [];
  for (let i = 0; i < samples; i++) ours.push((await time(() => createTenant({ slug: `fast_${i}`, name: "bench" }))).ms);

  const naive: number[] = [];
  for (let i = 0; i < prismaSamples; i++) {
    const slug = `naive_${i}`;
    naive.push(
      (
        await time(async () => {
          const { rows } = await poolFor(defaultServerUrl()).query<{ id: number }>(
            `INSERT INTO public."Tenant" (slug, name) VALUES ($1, 'bench') RETURNING id`,
            [slug],
          );
          await deployWithPrisma(tenantTarget({ slug, databaseUrl: null }));
          return rows[0].id;
        })
      ).ms,
    );
  }

  console.log(`
provisioning one tenant (registry row + schema + all tenant migrations)
  in-process createTenant      median ${ms(median(ours))}  p90 ${ms(percentile(ours, 90))}  (${samples} tenants)
  prisma migrate deploy (naive) median ${ms(median(naive))}  p90 ${ms(percentile(naive, 90))}  (${prismaSamples} tenants)
  ratio                        ${ratio(median(naive), median(ours))} faster (goal: ≤ 50 ms median, ≥ 20×)`);
});
