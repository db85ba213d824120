// Test helpers: tenants made for one test, with unique slugs, removed afterwards.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { createUser, type Role } from "@/lib/auth/users";
import { closePools, poolFor } from "@/lib/db/pools";
import { defaultServerUrl } from "@/lib/db/public-db";
import { createTenant, type CreateTenantInput } from "@/lib/tenancy/provision";
import { invalidateTenantCache, type Tenant } from "@/lib/tenancy/registry";
import { quoteIdent } from "@/lib/tenancy/schema-name";
import { tenantDb, type TenantDb } from "@/lib/tenancy/tenant-db";
import { tenantServerUrl } from "@/lib/tenancy/servers";

export function uniqueSlug(prefix = "t"): string {
  return `${prefix}_${randomBytes(5).toString("hex")}`;
}

export async function createTestTenant(input: Partial<CreateTenantInput> = {}) {
  const slug = input.slug ?? uniqueSlug();
  const tenant = await createTenant({ name: slug, ...input, slug });
  return { tenant, db: tenantDb(tenant) };
}

/** Drops a tenant's schema and registry row directly (the lifecycle CLI has its own tests). */
export async function dropTestTenant(tenant: Tenant): Promise<void> {
  await poolFor(tenantServerUrl(tenant)).query(`DROP SCHEMA IF EXISTS ${quoteIdent(tenant.slug)} CASCADE`);
  await poolFor(defaultServerUrl()).query(`DELETE FROM public."Tenant" WHERE id = $1`, [tenant.id]);
  await invalidateTenantCache();
}

export type TenantFixture = { tenant: Tenant; db: TenantDb; userId: Record<string, number> };

/**
 * A tenant for the enclosing describe block: made before its first test with these users (each password
 * "correct horse"; their ids by username in `userId`), dropped after its last. Read the fields inside tests.
 */
export function useTestTenant(users: { username: string; role?: Role }[] = []): TenantFixture {
  const fixture = { userId: {} } as TenantFixture;
  beforeAll(async () => {
    Object.assign(fixture, await createTestTenant());
    for (const user of users) fixture.userId[user.username] = (await createUser(fixture.db, { password: "correct horse", ...user })).id;
  });
  afterAll(async () => {
    await dropTestTenant(fixture.tenant);
    await closePools();
  });
  return fixture;
}
