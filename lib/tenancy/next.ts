// The one way pages, actions and route handlers reach a tenant: resolve the site from the request's
// host (siteOf, the same function the proxy routes with), and hand out the client bound to its schema.
import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { findTenantBySlug, type Tenant } from "@/lib/tenancy/registry";
import { siteOf } from "@/lib/tenancy/site";
import { tenantDb, type TenantDb } from "@/lib/tenancy/tenant-db";
import { guardVanishedTenant, type OnTenantGone } from "@/lib/tenancy/vanished-tenant";

// Readiness for a /readyz route; server-only, like the rest of this file.
export { checkReadiness } from "@/lib/tenancy/readiness";

export type TenantContext = { tenant: Tenant; db: TenantDb; host: string };

/**
 * The tenant whose host this request came to, or null (the platform, an unknown host or tenant). If the
 * tenant vanishes under the cached lookup, its queries call `onGone` (see vanished-tenant.ts).
 */
const resolveHostTenantContext = cache(async (onGone: OnTenantGone): Promise<TenantContext | null> => {
  const site = await siteOf(await headers());
  if (site?.kind !== "tenant") return null;
  const tenant = await findTenantBySlug(site.slug);
  return tenant ? { tenant, db: guardVanishedTenant(tenant, tenantDb(tenant), onGone), host: site.host } : null;
});

/** The host's tenant for pages, actions and next-auth: one that vanished mid-request renders the 404 page. */
export function findHostTenantContext(): Promise<TenantContext | null> {
  return resolveHostTenantContext(notFound);
}

/** For the JSON API, whose `onGone` throws its own 404 error. */
export function findApiTenantContext(onGone: OnTenantGone): Promise<TenantContext | null> {
  return resolveHostTenantContext(onGone);
}

/**
 * The tenant for a page under `app/[tenant]`, or null unless the request's host is that tenant's:
 * `/thor/...` reached any other way (the root domain, potter's host) is not thor's request.
 */
export async function findTenantContext(slug: string): Promise<TenantContext | null> {
  const context = await findHostTenantContext();
  return context?.tenant.slug === slug ? context : null;
}

/** As findTenantContext, for pages and layouts: an unknown tenant renders the 404 page. */
export async function requireTenantContext(slug: string): Promise<TenantContext> {
  const context = await findTenantContext(slug);
  if (!context) notFound();
  return context;
}
