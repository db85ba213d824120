// The platform's view of its tenants: one page of the registry with each tenant's domains and poll count.
import "server-only";
import { publicDb } from "@/lib/db/public-db";
import { clampPage, pageCount, pageOffset } from "@/lib/pagination";
import { tenantDb } from "@/lib/tenancy";
import { countTenants, listTenants } from "@/lib/tenancy/manage";

export const TENANTS_PAGE_SIZE = 20;

export type TenantRow = { id: number; slug: string; name: string; domains: string[]; pollCount: number | null };
export type TenantsPage = { rows: TenantRow[]; page: number; pageCount: number; total: number };

/** The page to show for a request: past the last page shows the last, so a deletion never strands the admin on an empty page. */
export function pageWindow(requested: number, total: number, size = TENANTS_PAGE_SIZE) {
  const page = clampPage(Math.max(1, Math.trunc(requested) || 1), total, size);
  return { page, pageCount: pageCount(total, size), skip: pageOffset(page, size), take: size };
}

export async function listTenantsPage(requestedPage: number): Promise<TenantsPage> {
  const total = await countTenants();
  const { page, pageCount, skip, take } = pageWindow(requestedPage, total);
  const tenants = await listTenants({ offset: skip, limit: take });
  // One count per tenant, each in its own schema: fine for a page of tenants, and run side by side.
  const rows = await Promise.all(
    tenants.map(async (tenant) => ({
      id: tenant.id,
      slug: tenant.slug,
      name: tenant.name,
      domains: tenant.domains.map((d) => d.domain),
      pollCount: await countPolls(tenant),
    })),
  );
  return { rows, page, pageCount, total };
}

/** A tenant whose schema cannot be read (being deleted, or its server is down) shows no count rather than failing the page. */
async function countPolls(tenant: { slug: string; databaseUrl: string | null }): Promise<number | null> {
  try {
    return await tenantDb(tenant).poll.count();
  } catch (error) {
    console.error(`[platform] poll count for ${tenant.slug} failed: ${error instanceof Error ? error.message : error}`);
    return null;
  }
}

/** A tenant's custom domains, primary first. */
export function findTenantDomains(tenantId: number) {
  return publicDb().domain.findMany({
    where: { tenantId },
    orderBy: [{ isPrimary: "desc" }, { domain: "asc" }],
    select: { domain: true, isPrimary: true },
  });
}

/** How many admins a tenant has, or null when its schema cannot be read. */
export async function findTenantAdminCount(tenant: { slug: string; databaseUrl: string | null }): Promise<number | null> {
  try {
    return await tenantDb(tenant).user.count({ where: { role: "admin" } });
  } catch (error) {
    console.error(`[platform] admin count for ${tenant.slug} failed: ${error instanceof Error ? error.message : error}`);
    return null;
  }
}
