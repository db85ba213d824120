// The one way pages, actions and route handlers reach a tenant: resolve it from the route param,
// confirm the proxy routed this request to it, and hand out the client bound to its schema.
import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { TENANT_HEADER, ROUTED_HOST_HEADER } from "@/lib/tenancy/headers";
import { findTenantBySlug, type Tenant } from "@/lib/tenancy/registry";
import { checkSlug } from "@/lib/tenancy/schema-name";
import { tenantDb, type TenantDb } from "@/lib/tenancy/tenant-db";

export type TenantContext = { tenant: Tenant; db: TenantDb; host: string };

/**
 * The tenant for this request, or null. `/thor/...` reached without the proxy routing the host to
 * thor (the root domain, potter's host, a missing header) is not thor's request.
 */
export const findTenantContext = cache(async (slug: string): Promise<TenantContext | null> => {
  const requestHeaders = await headers();
  if (requestHeaders.get(TENANT_HEADER) !== slug || !checkSlug(slug).ok) return null;
  const tenant = await findTenantBySlug(slug);
  if (!tenant) return null;
  return { tenant, db: tenantDb(tenant), host: requestHeaders.get(ROUTED_HOST_HEADER) ?? "" };
});

/** As findTenantContext, for pages and layouts: an unknown tenant renders the 404 page. */
export async function requireTenantContext(slug: string): Promise<TenantContext> {
  const context = await findTenantContext(slug);
  if (!context) notFound();
  return context;
}
