// What a failed query says about the database, told apart in one place: a relation that is gone (the
// tenant's schema was dropped or renamed while a cache still named it) and a server that cannot be
// reached (an outage). Prisma wraps the driver's error; node-postgres and Node give their own codes.

// Prisma: P2021 table, P2022 column does not exist. PostgreSQL: 42P01 undefined_table, 3F000 invalid_schema_name.
const MISSING_RELATION = new Set(["P2021", "P2022", "42P01", "3F000", "TableDoesNotExist", "ColumnNotFound"]);

const UNREACHABLE = new Set([
  // Prisma: cannot reach, timed out, connection closed, pool timeout; its driver adapter's own kinds.
  "P1001", "P1002", "P1017", "P2024", "DatabaseNotReachable", "ConnectionClosed",
  // PostgreSQL: shutting down or starting up, and the connection-exception class (PgBouncer reports a
  // server it cannot log in to as 08P01).
  "57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006", "08P01",
  // Node's sockets.
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "EAI_AGAIN",
]);

// node-postgres reports these without a code.
const UNREACHABLE_MESSAGE = /timeout exceeded when trying to connect|Connection terminated|connection timeout/i;

/** Whether a query failed because the schema, table or column it named does not exist. */
export function isMissingRelation(error: unknown): boolean {
  return codesOf(error).some((code) => MISSING_RELATION.has(code));
}

/** The SQLSTATE a tenant's write fence (lib/tenancy/maintenance.ts) refuses writes with: read_only_sql_transaction. */
export const WRITE_FENCED_SQLSTATE = "25006";

/** Whether a write was refused by a tenant's write fence. */
export function isWriteFenced(error: unknown): boolean {
  return codesOf(error).includes(WRITE_FENCED_SQLSTATE);
}

/** Whether a query failed because its database server could not be reached (down, restarting, refusing). */
export function isDatabaseUnreachable(error: unknown): boolean {
  if (codesOf(error).some((code) => UNREACHABLE.has(code))) return true;
  return causes(error).some((e) => e instanceof Error && !("code" in e && e.code) && UNREACHABLE_MESSAGE.test(e.message));
}

/** Every code an error and its causes carry: Prisma's, the driver adapter's kind and PostgreSQL's SQLSTATE. */
function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (const e of causes(error)) {
    for (const key of ["code", "originalCode", "kind"] as const) {
      const value = (e as Record<string, unknown>)[key];
      if (typeof value === "string") codes.push(value);
    }
  }
  return codes;
}

/** The error, its `cause` chain, Prisma's driver-adapter error and an AggregateError's members. */
function causes(error: unknown, depth = 0): object[] {
  if (!error || typeof error !== "object" || depth > 5) return [];
  const e = error as { cause?: unknown; meta?: { driverAdapterError?: unknown }; errors?: unknown };
  const nested = [e.cause, e.meta?.driverAdapterError, ...(Array.isArray(e.errors) ? e.errors : [])];
  return [error, ...nested.flatMap((n) => causes(n, depth + 1))];
}

/** An error's message, or the thrown value as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
