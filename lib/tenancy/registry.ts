// The tenant registry (public."Tenant" and public."Domain"), read through a small in-process cache:
// a warm request path makes no registry query. A change made in this process clears the cache at once
// and is announced to every other app instance over PostgreSQL NOTIFY (see registry-events.ts and
// docs/decisions/007-tenant-cache-invalidation.md); entries also expire after TENANT_CACHE_TTL_MS,
// which bounds staleness while an instance's listener is reconnecting. A tenant still being asked for in
// the second half of its entry's life is re-read in the background, so a busy tenant never waits for the
// registry (with 200 tenants in rotation, expiring entries had every fifth request wait for a lookup).
//
// The core reads and writes the registry in one way: SQL on the registry server's pool (registryPool),
// the same connections its create, rename and delete transactions lock rows on.
import type pg from "pg";
import { noteDatabaseError } from "@/lib/db/availability";
import { defaultServerUrl } from "@/lib/db/public-db";
import { TenancyError } from "@/lib/tenancy/errors";
import { publishRegistryChange } from "@/lib/tenancy/registry-events";
import { registryPool } from "@/lib/tenancy/servers";

/** A tenant's branding (decision 030): shown on its own pages only. Checked by brandingSchema on the way in. */
export type TenantBranding = { description: string; accentColor: string | null; logoUrl: string | null };
/** `maintenance` is there only while the tenant is in maintenance mode (see maintenance.ts). */
export type Tenant = { id: number; slug: string; name: string; databaseUrl: string | null; maintenance?: TenantMaintenance } & TenantBranding;
export type TenantMaintenance = { since: Date; message: string | null };
export type TenantWithDomains = Tenant & { domains: { domain: string; isPrimary: boolean }[] };

/** The registry columns a Tenant is made of, for SQL that names public."Tenant" as `t`. */
export const TENANT_COLUMNS = `t.id, t.slug, t.name, t."databaseUrl", t.description, t."accentColor", t."logoUrl"`;

const LOOKUP_COLUMNS = `${TENANT_COLUMNS}, t."maintenanceSince", t."maintenanceMessage"`;
type TenantRow = Tenant & { maintenanceSince: Date | null; maintenanceMessage: string | null };

/** One tenant row straight from the registry (no cache), or null. */
export async function readTenant(where: "slug" | "domain", value: string): Promise<Tenant | null> {
  const sql =
    where === "slug"
      ? `SELECT ${LOOKUP_COLUMNS} FROM public."Tenant" t WHERE t.slug = $1`
      : `SELECT ${LOOKUP_COLUMNS} FROM public."Domain" d JOIN public."Tenant" t ON t.id = d."tenantId" WHERE d.domain = $1`;
  const { rows } = await registryPool().query<TenantRow>(sql, [value]);
  if (!rows[0]) return null;
  const { maintenanceSince, maintenanceMessage, ...tenant } = rows[0];
  return maintenanceSince ? { ...tenant, maintenance: { since: maintenanceSince, message: maintenanceMessage } } : tenant;
}

/**
 * The tenant's row (by slug or id), locked until the caller's transaction on the registry ends: renames,
 * deletes and domain changes of one tenant serialise on it. Null when there is no such tenant.
 */
export async function lockTenant(client: pg.ClientBase, key: string | number): Promise<Tenant | null> {
  const column = typeof key === "number" ? "id" : "slug";
  const { rows } = await client.query<Tenant>(`SELECT ${TENANT_COLUMNS} FROM public."Tenant" t WHERE t.${column} = $1 FOR UPDATE`, [key]);
  return rows[0] ?? null;
}

/**
 * As lockTenant, for a change to a tenant that must exist: an unknown slug is `not_found`, and a tenant
 * that changed since `expected` was read (renamed, deleted and made again, moved) is a `conflict`.
 */
export async function lockKnownTenant(client: pg.ClientBase, slug: string, expected?: Tenant): Promise<Tenant> {
  const tenant = await lockTenant(client, slug);
  if (!tenant) throw new TenancyError("not_found", `No tenant "${slug}"`);
  if (expected && (tenant.id !== expected.id || tenant.databaseUrl !== expected.databaseUrl)) {
    throw new TenancyError("conflict", `${slug} changed meanwhile; try again`);
  }
  return tenant;
}

export type ListOptions = { orderBy?: "slug" | "name"; offset?: number; limit?: number };

/** The registered tenants with their domains (primary first), by slug (or name); a window of them with offset/limit. */
export async function listTenants(options: ListOptions = {}): Promise<TenantWithDomains[]> {
  const order = options.orderBy === "name" ? "t.name, t.slug" : "t.slug";
  const { rows } = await registryPool().query<TenantWithDomains>(
    `SELECT ${TENANT_COLUMNS},
            coalesce((SELECT json_agg(json_build_object('domain', d.domain, 'isPrimary', d."isPrimary")
                                      ORDER BY d."isPrimary" DESC, d.domain)
                        FROM public."Domain" d WHERE d."tenantId" = t.id), '[]') AS domains
       FROM public."Tenant" t ORDER BY ${order} OFFSET $1 LIMIT $2`,
    [options.offset ?? 0, options.limit ?? null],
  );
  return rows;
}

/** How many tenants the registry holds. */
export async function countTenants(): Promise<number> {
  const { rows } = await registryPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM public."Tenant"`);
  return rows[0].n;
}

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

export function findTenantBySlug(slug: string): Promise<Tenant | null> {
  return cached(`slug:${slug}`, () => readTenant("slug", slug));
}

export function findTenantByDomain(domain: string): Promise<Tenant | null> {
  return cached(`domain:${domain.toLowerCase()}`, () => readTenant("domain", domain.toLowerCase()));
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
  const current = await readTenant("slug", tenant.slug);
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
