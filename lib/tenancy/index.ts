// The tenancy core's public surface: everything outside lib/tenancy imports from here (or from
// ./next for the request helpers that need Next). Deep imports are a lint error; see eslint.config.mjs.

// Routing: which site a request's host names.
export { siteOf, type Site } from "@/lib/tenancy/site";
export { requestProtocol, tenantOrigin } from "@/lib/tenancy/host";

// A tenant's database client, bound to its schema.
export { tenantDb, tenantDbUrl, tenantServerUrl, forgetTenantDb, type TenantDb, type TenantPlacement } from "@/lib/tenancy/tenant-db";
export { inSerializableTransaction } from "@/lib/tenancy/serializable";

// The registry of tenants in the public schema, cached and invalidated across processes.
export { findTenantBySlug, findTenantByDomain, invalidateTenantCache, clearTenantCache, type Tenant } from "@/lib/tenancy/registry";
export { startRegistryListener } from "@/lib/tenancy/registry-events";

// Change events of a tenant's data, across instances (NOTIFY from the writing transaction, one LISTEN per server).
export { notifyTenantChange, readDatabaseClock, subscribeTenantChanges, COALESCE_MS } from "@/lib/tenancy/tenant-events";
export type { TenantContext } from "@/lib/tenancy/next";

// Lifecycle: create, rename, delete, domains.
export { createTenant, createTenantSchema, deleteTenant, type CreateTenantInput } from "@/lib/tenancy/provision";
export { renameTenant, addDomain, removeDomain, listTenantsWithDomains } from "@/lib/tenancy/lifecycle";

// Migrations of the shared schema and of every tenant's.
export { listTenants, migrateShared, migrateTenant } from "@/lib/tenancy/migrate";
export {
  allTenantTargets,
  readMigrationStatus,
  runMigrations,
  sharedTarget,
  summarise,
  tenantTarget,
  type MigrationTarget,
  type Outcome,
  type RunOptions,
  type SchemaStatus,
} from "@/lib/tenancy/migrate-all";

// Errors and input schemas.
export { TenancyError } from "@/lib/tenancy/provision";
export { checkSlug, slugSchema, quoteIdent } from "@/lib/tenancy/schema-name";
