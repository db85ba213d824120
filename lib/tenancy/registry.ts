// The tenant registry (public."Tenant" and public."Domain"), read through a small in-process cache:
// a warm request path makes no registry query. Entries live TENANT_CACHE_TTL_MS so that a change made
// by another app instance is seen within that time; changes made in this process clear it at once.
import { publicDb } from "@/lib/db/public-db";

export type Tenant = { id: number; slug: string; name: string; databaseUrl: string | null };

const TENANT_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000; // bounds memory against a flood of unknown hosts

type Entry = { tenant: Tenant | null; expires: number };
const globalForRegistry = globalThis as unknown as { tenantCache?: Map<string, Entry> };
const cacheMap = (globalForRegistry.tenantCache ??= new Map<string, Entry>());

const tenantSelect = { id: true, slug: true, name: true, databaseUrl: true } as const;

export function findTenantBySlug(slug: string): Promise<Tenant | null> {
  return cached(`slug:${slug}`, () => publicDb().tenant.findUnique({ where: { slug }, select: tenantSelect }));
}

export function findTenantByDomain(domain: string): Promise<Tenant | null> {
  return cached(`domain:${domain.toLowerCase()}`, async () => {
    const row = await publicDb().domain.findUnique({
      where: { domain: domain.toLowerCase() },
      select: { tenant: { select: tenantSelect } },
    });
    return row?.tenant ?? null;
  });
}

/** Forgets every cached lookup; call (and await) after creating, renaming or deleting a tenant or a domain. */
export async function invalidateTenantCache(): Promise<void> {
  cacheMap.clear();
}

async function cached(key: string, load: () => Promise<Tenant | null>): Promise<Tenant | null> {
  const now = Date.now();
  const hit = cacheMap.get(key);
  if (hit && hit.expires > now) return hit.tenant;
  const tenant = await load();
  if (cacheMap.size >= MAX_ENTRIES) cacheMap.delete(cacheMap.keys().next().value!);
  cacheMap.set(key, { tenant, expires: now + TENANT_CACHE_TTL_MS });
  return tenant;
}
