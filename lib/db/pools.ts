// One pg.Pool per PostgreSQL server, shared by the platform and by every tenant on that server.
// Tenant clients never own connections: their queries are schema-qualified, so a pooled connection
// carries no tenant state and can serve thor and potter back to back.
import pg from "pg";
import { markServerDown } from "@/lib/db/availability";
import { messageOf } from "@/lib/db/errors";
import { redact } from "@/lib/db/redact";
import { databaseConfig } from "@/lib/db/config";

const ADMIN_SHUTDOWN = "57P01";

const globalForPools = globalThis as unknown as { pgPools?: Map<string, pg.Pool> };
const pools = (globalForPools.pgPools ??= new Map<string, pg.Pool>());

/** The shared pool for a server URL (any `schema` parameter is ignored by the caller's parse). */
export function poolFor(serverUrl: string): pg.Pool {
  let pool = pools.get(serverUrl);
  if (!pool) {
    pool = new pg.Pool({ connectionString: serverUrl, max: databaseConfig().poolSize });
    // Every Prisma client on this pool adds an idle-error listener; hundreds of tenants are normal.
    pool.setMaxListeners(0);
    pool.on("error", (err: Error & { code?: string }) => {
      // The server is stopping: requests wait for it with a 503 (availability.ts); the pool reconnects.
      if (err.code === ADMIN_SHUTDOWN) return markServerDown(serverUrl);
      console.error(`[db] idle connection error on ${redact(serverUrl)}: ${err.message}`);
    });
    pools.set(serverUrl, pool);
  }
  return pool;
}

/** Every server the process has a pool for. */
export function openPools(): ReadonlyMap<string, pg.Pool> {
  return pools;
}

export async function closePools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.end()));
}


// A connection whose ROLLBACK failed is in an unknown state: it is destroyed on release, not pooled.
const brokenConnections = new WeakSet<pg.PoolClient>();

/** Rolls back the connection's transaction; never throws (the original error is what matters). */
export async function rollback(client: pg.PoolClient): Promise<void> {
  await client.query("ROLLBACK").catch(() => brokenConnections.add(client));
}

/** Returns a connection to its pool, or destroys it if a rollback on it failed. */
export function release(client: pg.PoolClient): void {
  client.release(brokenConnections.has(client));
}

/** Runs `work` in a transaction on one of the pool's connections: committed if it returns, rolled back if it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await rollback(client);
    throw error;
  } finally {
    release(client);
  }
}

/** The work of a change across two servers was committed on one and could not be undone there. */
export class CompensationError extends Error {
  constructor(
    readonly cause: unknown,
    readonly undoCause: unknown,
  ) {
    super(`${messageOf(cause)}; undoing the other server's part failed too: ${messageOf(undoCause)}`);
    this.name = "CompensationError";
  }
}

/**
 * One change on two servers, as atomic as two servers allow without two-phase commit: `work` runs with a
 * transaction open on each (a single transaction when both pools are the same server). `other` commits
 * first, then `main`; if `main`'s commit fails, `undo` reverses the committed part on `other` in a
 * transaction of its own. If `undo` fails as well, a CompensationError carries both causes.
 */
export async function inTransactionAcross<T>(
  main: pg.Pool,
  other: pg.Pool,
  work: (main: pg.PoolClient, other: pg.PoolClient) => Promise<T>,
  undo: (other: pg.PoolClient, result: T) => Promise<void>,
): Promise<T> {
  if (main === other) return inTransaction(main, (client) => work(client, client));
  const committedOnOther: { result: T }[] = [];
  try {
    return await inTransaction(main, async (mainClient) => {
      const result = await inTransaction(other, (otherClient) => work(mainClient, otherClient));
      committedOnOther.push({ result });
      return result;
    });
  } catch (error) {
    const [committed] = committedOnOther;
    if (!committed) throw error;
    await inTransaction(other, (client) => undo(client, committed.result)).catch((undoError: unknown) => {
      throw new CompensationError(error, undoError);
    });
    throw error;
  }
}

export { redact };
