// A serializable transaction on a tenant's schema, run again when it loses a serialization race: the
// way to make "check, then write" (the last admin, a poll's choice cap) hold under concurrency.
import { Prisma } from "@/lib/generated/tenant/client";
import type { TenantDb } from "@/lib/tenancy/tenant-db";

type Transaction = Parameters<Parameters<TenantDb["$transaction"]>[0]>[0];

export async function inSerializableTransaction<T>(db: TenantDb, work: (tx: Transaction) => Promise<T>, attempts = 10): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(work, { isolationLevel: Prisma.TransactionIsolationLevel.Serializable });
    } catch (error) {
      // Lost the race: run again, against the winner's result, after a jittered pause so that the
      // losers of one round do not collide again in the next.
      if (!isSerializationFailure(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}

const CITUS_COMMIT_FAILURE = /^could not commit transaction for shard \d+ on at least one active node/;

/**
 * PostgreSQL's 40001, as Prisma reports it (P2034) or as the pg adapter raises it at commit. On Citus a
 * worker's 40001 at commit reaches the coordinator as XX000 "could not commit transaction for shard …
 * on at least one active node": the tenant's transaction ran on that one worker and is rolled back
 * whole, so it is run again like any other loser.
 */
function isSerializationFailure(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2034";
  if ((error as Error | null)?.name !== "DriverAdapterError") return false;
  const cause = (error as { cause?: { kind?: string; code?: string; message?: string } }).cause;
  return cause?.kind === "TransactionWriteConflict" || (cause?.kind === "postgres" && cause.code === "XX000" && CITUS_COMMIT_FAILURE.test(cause.message ?? ""));
}
