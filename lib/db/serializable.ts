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

/** PostgreSQL's 40001, as Prisma reports it (P2034) or as the pg adapter raises it at commit. */
function isSerializationFailure(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2034";
  const cause = (error as { name?: string; cause?: { kind?: string } } | null)?.cause;
  return (error as Error | null)?.name === "DriverAdapterError" && cause?.kind === "TransactionWriteConflict";
}
