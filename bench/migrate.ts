// `npm run bench:migrate`: migrate-all over a fleet of tenants (default 1,000).
//   1. one new pending migration, at concurrency 1 and at concurrency N;
//   2. a no-op run (nothing pending): the status of every tenant from one catalog query per server;
//   3. the naive baselines measured on a sample and extrapolated: a serial `prisma migrate deploy`
//      per tenant, and an in-process status check with one round trip per tenant.
// BENCH_TENANTS (1000), BENCH_CONCURRENCY (N, default 8), BENCH_PRISMA_SAMPLES (20).
import { execFileSync } from "node:child_process";
import path from "node:path";
import { poolFor } from "@/lib/db/pools";
import { migrateSchema } from "@/lib/db/migrations";
import {
  allTenantTargets,
  deployWithPrisma,
  migrationsFor,
  readMigrationStatus,
  runMigrations,
  sharedTarget,
  summarise,
  type MigrationTarget,
} from "@/lib/tenancy/migrate-all";
import { createTenant } from "@/lib/tenancy/provision";
import { copyMigrationsRoot, type MigrationsRoot } from "@/test/migrations-root";
import { inParallel, ms, ratio, runBenchmark, time } from "./lib/bench";

const fleet = Number(process.env.BENCH_TENANTS ?? 1000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
const prismaSamples = Number(process.env.BENCH_PRISMA_SAMPLES ?? 20);

const NEW_MIGRATIONS = {
  "20990101000000_poll_closed_at": `ALTER TABLE "Poll" ADD COLUMN "closedAt" TIMESTAMP(3);\nCREATE INDEX "Poll_closedAt_idx" ON "Poll"("closedAt");\n`,
  "20990102000000_choice_position": `ALTER TABLE "Choice" ADD COLUMN "position" INTEGER NOT NULL DEFAULT 0;\n`,
  "20990103000000_poll_summary": `ALTER TABLE "Poll" ADD COLUMN "summary" TEXT NOT NULL DEFAULT '';\n`,
} as const;
type NewMigration = keyof typeof NEW_MIGRATIONS;

const roots: MigrationsRoot[] = [];

/** Points the migration loader at a copy of prisma/ holding the given new migrations. */
function useMigrations(...names: NewMigration[]): void {
  const root = copyMigrationsRoot(Object.fromEntries(names.map((n) => [n, NEW_MIGRATIONS[n]])));
  roots.push(root);
  process.env.MIGRATIONS_ROOT = root.root;
}

async function migrateFleet(targets: MigrationTarget[], n: number) {
  const { ms: took, value } = await time(() => runMigrations(targets, { concurrency: n }));
  const counts = summarise(value.outcomes);
  if (counts.failed) throw new Error(`${counts.failed} tenants failed`);
  return { ms: took, applied: counts.applied };
}

runBenchmark(async () => {
  try {
    const slugs = Array.from({ length: fleet }, (_, i) => `t${String(i).padStart(4, "0")}`);
    const created = await time(() => inParallel(slugs, concurrency, (slug) => createTenant({ slug, name: slug })));
    console.log(`created ${fleet} tenants in ${ms(created.ms)} (concurrency ${concurrency})`);
    const targets = await allTenantTargets();

    useMigrations("20990101000000_poll_closed_at");
    const serial = await migrateFleet(targets, 1);
    useMigrations("20990101000000_poll_closed_at", "20990102000000_choice_position");
    const parallel = await migrateFleet(targets, concurrency);

    const everything = [sharedTarget(), ...targets];
    const noop = await time(() => runMigrations(everything, { concurrency }));
    if (summarise(noop.value.outcomes).upToDate !== everything.length) throw new Error("the no-op run found work to do");
    const cli = time(async () =>
      execFileSync(process.execPath, ["--import", "tsx", path.resolve("scripts/migrate.ts"), "--all"], {
        env: { ...process.env, NO_COLOR: "1" },
        stdio: "ignore",
      }),
    );
    const cliNoop = await cli;

    // Naive in-process status: one round trip (a transaction, a lock, a read) per tenant.
    const sample = targets.slice(0, prismaSamples);
    const perTenant = await time(async () => {
      for (const target of targets) await migrateSchema(poolFor(target.serverUrl), target.schema, migrationsFor("tenant"));
    });

    // Naive Prisma: a serial `prisma migrate deploy` per tenant, with one new pending migration, then with none.
    useMigrations("20990101000000_poll_closed_at", "20990102000000_choice_position", "20990103000000_poll_summary");
    const prismaPending = await time(async () => {
      for (const target of sample) await deployWithPrisma(target);
    });
    const prismaNoop = await time(async () => {
      for (const target of sample) await deployWithPrisma(target);
    });
    const check = await readMigrationStatus(sample);
    if (check.some((s) => s.pending.length)) throw new Error("prisma migrate deploy left migrations pending");

    const naivePending = (prismaPending.ms / sample.length) * fleet;
    const naiveNoop = (prismaNoop.ms / sample.length) * fleet;
    console.log(`
migrate-all over ${fleet} tenants, one new pending migration each
  in-process, concurrency 1           ${ms(serial.ms)}  (${serial.applied} applied, ${ms(serial.ms / fleet)} per tenant)
  in-process, concurrency ${String(concurrency).padEnd(12)}${ms(parallel.ms)}  (${parallel.applied} applied)
  naive serial prisma migrate deploy  ${ms(naivePending)}  extrapolated from ${sample.length} tenants (${ms(prismaPending.ms / sample.length)} each)
  ratio                               ${ratio(naivePending, serial.ms)} (concurrency 1), ${ratio(naivePending, parallel.ms)} (concurrency ${concurrency}); goal ≤ 20 s

no-op --all (nothing pending) over ${fleet} tenants + the shared schema
  in-process, catalog-query status    ${ms(noop.ms)}
  the same through the CLI process    ${ms(cliNoop.ms)}  (includes starting Node and loading the code)
  naive: one round trip per tenant    ${ms(perTenant.ms)}  (${ratio(perTenant.ms, noop.ms)})
  naive serial prisma migrate deploy  ${ms(naiveNoop)}  extrapolated from ${sample.length} tenants (${ratio(naiveNoop, noop.ms)}); goal ≤ 2 s`);
  } finally {
    for (const root of roots) root.remove();
  }
});
