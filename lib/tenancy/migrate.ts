// Migration entry points over the registry: the shared schema, one tenant, every tenant. Migrations run
// on the direct server (DIRECT_URL), never through a transaction-pooling PgBouncer.
import { poolFor } from "@/lib/db/pools";
import { defaultDirectUrl, PUBLIC_SCHEMA } from "@/lib/db/public-db";
import { loadMigrations, migrateSchema, migrationsDir, type MigrateResult } from "@/lib/db/migrations";
import { tenantDirectUrl, type TenantPlacement } from "@/lib/tenancy/servers";

export function tenantMigrations() {
  return loadMigrations(migrationsDir("tenant"));
}

/** Applies pending `prisma/public` migrations to the shared schema of the default server. */
export function migrateShared(): Promise<MigrateResult> {
  return migrateSchema(poolFor(defaultDirectUrl()), PUBLIC_SCHEMA, loadMigrations(migrationsDir("public")));
}

/** Applies pending `prisma/tenant` migrations to one tenant's schema, in one transaction. */
export function migrateTenant(tenant: TenantPlacement): Promise<MigrateResult> {
  return migrateSchema(poolFor(tenantDirectUrl(tenant)), tenant.slug, tenantMigrations());
}
