// Shared by the benchmarks: a scratch database that is removed afterwards, timing and statistics.
import "@/lib/config";
import { closePools } from "@/lib/db/pools";
import { migrateShared } from "@/lib/tenancy/migrate";
import { createScratchDatabase, startTestServer } from "@/test/database";

export type Scratch = { url: string; describe: string; cleanUp: () => Promise<void> };

/**
 * A fresh database with the shared schema migrated, exported as DATABASE_URL: on BENCH_DATABASE_URL's
 * (local) server when set, else on a new embedded cluster in a temporary folder.
 */
export async function openScratchDatabase(): Promise<Scratch> {
  const server = await startTestServer(process.env.BENCH_DATABASE_URL);
  const database = await createScratchDatabase(server.url, "polls_bench");
  process.env.DATABASE_URL = database.url;
  await migrateShared();
  return {
    url: database.url,
    describe: `${server.describe} (database ${new URL(database.url).pathname.slice(1)})`,
    cleanUp: async () => {
      await closePools(); // the drop waits for their sockets to close
      await database.drop();
      await server.stop();
    },
  };
}

export async function time<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The middle value; with an even count, the mean of the two middle ones (two rounds give their mean, not the larger). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function ms(value: number): string {
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
}

export function ratio(baseline: number, ours: number): string {
  return `${(baseline / ours).toFixed(1)}×`;
}

/** Runs `work` over `items`, `concurrency` at a time. */
export async function inParallel<T>(items: T[], concurrency: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/** Runs a benchmark's main, always cleaning up its scratch database, even on Ctrl-C or an error. */
export function runBenchmark(main: (scratch: Scratch) => Promise<void>): void {
  let scratch: Scratch | null = null;
  const cleanUp = async () => {
    const s = scratch;
    scratch = null;
    await s?.cleanUp().catch((error: unknown) => console.error(`cleanup failed: ${String(error)}`));
  };
  process.on("SIGINT", () => void cleanUp().then(() => process.exit(130)));
  openScratchDatabase()
    .then(async (s) => {
      scratch = s;
      console.log(`database: ${s.describe}`);
      await main(s);
    })
    .then(cleanUp, async (error: unknown) => {
      console.error(error);
      await cleanUp();
      process.exitCode = 1;
    });
}
