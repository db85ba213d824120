// The tenant registry (public."Tenant" and public."Domain"), read through a small in-process cache:
// a warm request path makes no registry query. A change made in this process clears the cache at once
// and is announced to every other app instance over PostgreSQL NOTIFY (see registry-events.ts and
// docs/decisions/007-tenant-cache-invalidation.md); entries also expire after TENANT_CACHE_TTL_MS,
// which bounds staleness while an instance's listener is reconnecting. A tenant still being asked for in
// the second half of its entry's life is re-read in the background, so a busy tenant never waits for the
// registry (with 200 tenants in rotation, expiring entries had every fifth request wait for a lookup).
import { noteDatabaseError } from "@/lib/db/availability";
import { defaultServerUrl, publicDb } from "@/lib/db/public-db";
import { publishRegistryChange } from "@/lib/tenancy/registry-events";

/** `maintenance` is there only while the tenant is in maintenance mode (see maintenance.ts). */
export type Tenant = { id: number; slug: string; name: string; databaseUrl: string | null; maintenance?: TenantMaintenance };
export type TenantMaintenance = { since: Date; message: string | null };

export const TENANT_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000; // bounds memory against a flood of unknown hosts

type Entry = { tenant: Tenant | null; expires: number; refreshing?: boolean };
/** `generation` grows on every clear, so a lookup that started before a clear never stores its stale answer. */
type RegistryCache = { entries: Map<string, Entry>; generation: number };

// Next bundles proxy.ts and the app separately, so this module can be evaluated twice in one process;
// keyed on globalThis, both copies share one cache and one invalidation reaches both.
const CACHE_KEY = Symbol.for("polls.tenant-registry-cache");
const globalStore = globalThis as unknown as Record<symbol, RegistryCache | undefined>;
const cache = (globalStore[CACHE_KEY] ??= { entries: new Map(), generation: 0 });

const tenantSelect = { id: true, slug: true, name: true, databaseUrl: true, maintenanceSince: true, maintenanceMessage: true } as const;
type TenantRow = { id: number; slug: string; name: string; databaseUrl: string | null; maintenanceSince: Date | null; maintenanceMessage: string | null };

function toTenant(row: TenantRow | null | undefined): Tenant | null {
  if (!row) return null;
  const { maintenanceSince, maintenanceMessage, ...tenant } = row;
  return maintenanceSince ? { ...tenant, maintenance: { since: maintenanceSince, message: maintenanceMessage } } : tenant;
}

export function findTenantBySlug(slug: string): Promise<Tenant | null> {
  return cached(`slug:${slug}`, async () => toTenant(await publicDb().tenant.findUnique({ where: { slug }, select: tenantSelect })));
}

export function findTenantByDomain(domain: string): Promise<Tenant | null> {
  return cached(`domain:${domain.toLowerCase()}`, async () => {
    const row = await publicDb().domain.findUnique({
      where: { domain: domain.toLowerCase() },
      select: { tenant: { select: tenantSelect } },
    });
    return toTenant(row?.tenant);
  });
}

/**
 * Forgets every cached lookup here and tells every other app instance to do the same; call (and await)
 * after creating, renaming or deleting a tenant or a domain, once the change is committed.
 */
export async function invalidateTenantCache(): Promise<void> {
  clearTenantCache();
  await publishRegistryChange();
}

/**
 * Whether `tenant`, as a cached lookup gave it, is no longer in the registry as such (deleted, renamed,
 * moved to another server): read past the cache, and when it is gone the cache is cleared so that the
 * next lookup sees the change. Called when a tenant's query finds its schema missing, which is what a
 * stale entry looks like before (or, behind PgBouncer, without) the registry's notification.
 */
export async function isTenantGone(tenant: Tenant): Promise<boolean> {
  const current = await publicDb().tenant.findUnique({ where: { slug: tenant.slug }, select: { id: true, databaseUrl: true } });
  if (current?.id === tenant.id && current.databaseUrl === tenant.databaseUrl) return false;
  clearTenantCache();
  return true;
}

/** Forgets every cached lookup in this process only (what a registry-change notification does). */
export function clearTenantCache(): void {
  cache.generation += 1;
  cache.entries.clear();
}

async function cached(key: string, load: () => Promise<Tenant | null>): Promise<Tenant | null> {
  const hit = cache.entries.get(key);
  const now = Date.now();
  if (hit && hit.expires > now) {
    // Refresh ahead: never past the TTL, and never on the request's path.
    if (hit.expires - now < TENANT_CACHE_TTL_MS / 2 && !hit.refreshing) {
      hit.refreshing = true;
      loadAndStore(key, load).catch(() => (hit.refreshing = false));
    }
    return hit.tenant;
  }
  return loadAndStore(key, load);
}

async function loadAndStore(key: string, load: () => Promise<Tenant | null>): Promise<Tenant | null> {
  const generation = cache.generation;
  const tenant = await load().catch((error: unknown) => {
    noteDatabaseError(defaultServerUrl(), error); // pages then wait with a 503 until the server is back
    throw error;
  });
  if (generation === cache.generation) {
    cache.entries.delete(key); // re-inserted last: the flood guard below drops the oldest entry first
    if (cache.entries.size >= MAX_ENTRIES) cache.entries.delete(cache.entries.keys().next().value!);
    cache.entries.set(key, { tenant, expires: Date.now() + TENANT_CACHE_TTL_MS });
  }
  return tenant;
}
