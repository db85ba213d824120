// The tenant-bound Prisma client: every query it sends names the tenant's schema ("thor"."Poll").
// Clients are cached per connection string in a bounded LRU and all share their server's pool.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/tenant/client";
import { env } from "@/lib/env";
import { poolFor } from "@/lib/db/pools";
import { defaultServerUrl } from "@/lib/db/public-db";
import { parseConnectionString, tenantConnectionString } from "@/lib/tenancy/connection-string";

export type TenantDb = PrismaClient;

/** What the factory needs to know of a tenant: its schema and, optionally, its own server. */
export type TenantPlacement = { slug: string; databaseUrl: string | null };

const globalForClients = globalThis as unknown as { tenantClients?: Map<string, TenantDb> };
// A Map iterates in insertion order; re-inserting on every hit makes the first key the least recently used.
const clients = (globalForClients.tenantClients ??= new Map<string, TenantDb>());

export function tenantServerUrl(tenant: TenantPlacement): string {
  return tenant.databaseUrl ? parseConnectionString(tenant.databaseUrl).serverUrl : defaultServerUrl();
}

export function tenantDbUrl(tenant: TenantPlacement): string {
  return tenantConnectionString(tenantServerUrl(tenant), tenant.slug);
}

export function tenantDb(tenant: TenantPlacement): TenantDb {
  return clientFor(tenantDbUrl(tenant));
}

/** The client for a `<server url>?schema=<name>` connection string. */
function clientFor(connectionString: string): TenantDb {
  let client = clients.get(connectionString);
  if (client) {
    clients.delete(connectionString);
  } else {
    const { serverUrl, schema } = parseConnectionString(connectionString);
    client = new PrismaClient({ adapter: new PrismaPg(poolFor(serverUrl), { schema }) });
    evictBeyond(env().TENANT_CLIENT_CACHE_SIZE - 1);
  }
  clients.set(connectionString, client);
  return client;
}

/** Drops a tenant's cached client (after rename or delete). */
export function forgetTenantDb(tenant: TenantPlacement): void {
  const key = tenantDbUrl(tenant);
  const client = clients.get(key);
  clients.delete(key);
  if (client) retire(client);
}

export function cachedTenantClientCount(): number {
  return clients.size;
}

function evictBeyond(size: number): void {
  for (const [key, client] of clients) {
    if (clients.size <= size) break;
    clients.delete(key);
    retire(client);
  }
}

/**
 * How long an evicted client stays connected for requests that already hold it. Until it disconnects
 * it stays reachable (its listener on the shared pool) with its query compiler, about 0.4 MB: under
 * churn (more tenants active than the cache holds) everything evicted in this window is still in memory,
 * so it must be short. A query on a client after it disconnected still works: Prisma reconnects it.
 */
export const RETIRE_GRACE_MS = 1_000;

/** Detaches a client from its pool (shared, it outlives the client) and frees its query compiler. */
function retire(client: TenantDb): void {
  setTimeout(() => void client.$disconnect(), RETIRE_GRACE_MS).unref();
}
