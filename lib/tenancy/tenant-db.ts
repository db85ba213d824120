// The tenant-bound Prisma client: every query it sends names the tenant's schema ("thor"."Poll").
// One PrismaClient per database server serves all its tenants (a client costs ~0.5 MB, a tenant's
// binding to it ~10 kB): it is compiled for a placeholder schema, and the tenant's schema is put in
// each statement by the driver adapter, from the tenant context that tenantDb(tenant) enters.
import type pg from "pg";
import { PrismaClient } from "@/lib/generated/tenant/client";
import { poolFor } from "@/lib/db/pools";
import { parseConnectionString } from "@/lib/db/connection-string";
import { tenancyConfig } from "@/lib/tenancy/config";
import { tenantDbUrl, type TenantPlacement } from "@/lib/tenancy/servers";
import { tenantAdapter } from "@/lib/tenancy/tenant-adapter";
import { keyBatchingByTenant } from "@/lib/tenancy/tenant-batcher";
import { runAsTenant, tenantScope, type TenantScope } from "@/lib/tenancy/tenant-scope";

export type TenantDb = ReturnType<typeof bindToTenant>;

type ServerClient = { pool: pg.Pool; client: PrismaClient };
type Binding = { client: PrismaClient; db: TenantDb };

const globalForClients = globalThis as unknown as { serverClients?: Map<string, ServerClient>; tenantBindings?: Map<string, Binding> };
const serverClients = (globalForClients.serverClients ??= new Map<string, ServerClient>());
// Bindings are cheap but not free to make (Prisma builds an extended client's model views on first
// use), so the recently used are kept. A Map iterates in insertion order: re-inserting on every hit
// makes the first key the least recently used.
const bindings = (globalForClients.tenantBindings ??= new Map<string, Binding>());

export function tenantDb(tenant: TenantPlacement): TenantDb {
  return clientFor(tenantDbUrl(tenant));
}

/** The client for a `<server url>?schema=<name>`: the server's shared client, bound to that schema. */
function clientFor(connectionString: string): TenantDb {
  const { serverUrl, schema } = parseConnectionString(connectionString);
  const client = serverClient(serverUrl);
  let binding = bindings.get(connectionString);
  bindings.delete(connectionString);
  if (binding?.client !== client) {
    binding = { client, db: bindToTenant(client, tenantScope(schema)) };
    dropBindingsBeyond(tenancyConfig().clientCacheSize - 1);
  }
  bindings.set(connectionString, binding);
  return binding.db;
}

function dropBindingsBeyond(size: number): void {
  for (const key of bindings.keys()) {
    if (bindings.size <= size) break;
    bindings.delete(key);
  }
}

/** The one client of a server, on the server's current pool (made anew if that pool was closed and replaced). */
function serverClient(serverUrl: string): PrismaClient {
  const pool = poolFor(serverUrl);
  const current = serverClients.get(serverUrl);
  if (current?.pool === pool) return current.client;
  if (current) void current.client.$disconnect();
  const client = new PrismaClient({ adapter: tenantAdapter(pool) });
  keyBatchingByTenant(client);
  serverClients.set(serverUrl, { pool, client });
  return client;
}

/**
 * The shared client as the tenant's: every operation runs in the tenant's context. Prisma's promises
 * are lazy (nothing runs until `.then`), so the hook both starts the query and calls its `.then`
 * inside the context; a promise made for thor and awaited in potter's context still answers thor.
 */
function bindToTenant(client: PrismaClient, scope: TenantScope) {
  const db = client.$extends({
    query: { $allOperations: ({ args, query }) => runAsTenant(scope, () => query(args).then((result) => result)) },
  });
  return scopedTransactions(db, scope);
}

/**
 * An interactive transaction takes its tenant at BEGIN, before any of its operations runs, so
 * `$transaction` is entered in the tenant's context; a client extended from this one (`$extends`, as
 * the request guards do) keeps that, or its transactions would begin outside any tenant and be refused.
 */
function scopedTransactions<T extends object>(db: T, scope: TenantScope): T {
  return new Proxy(db, {
    get(target, property) {
      const value = Reflect.get(target, property);
      if (property !== "$transaction" && property !== "$extends") return value;
      const call = (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(target, args);
      if (property === "$extends") return (...args: unknown[]) => scopedTransactions(call(...args) as object, scope);
      return (...args: unknown[]) => runAsTenant(scope, () => call(...args));
    },
  });
}

/** Drops a tenant's binding (after rename or delete); the server's client stays. */
export function forgetTenantDb(tenant: TenantPlacement): void {
  bindings.delete(tenantDbUrl(tenant));
}

/** How many Prisma clients the process holds: one per database server, whatever the number of tenants. */
export function serverClientCount(): number {
  return serverClients.size;
}
