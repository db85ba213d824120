// The tenancy core's public surface: everything outside lib/tenancy imports from here (or from
// ./next for the request helpers that need Next). Deep imports are a lint error; see eslint.config.mjs.

// Routing: which site a request's host names.
export { siteOf, type Site } from "@/lib/tenancy/site";
export { requestProtocol, tenantOrigin } from "@/lib/tenancy/host";

// A tenant's database client, bound to its schema.
export { tenantDb, forgetTenantDb, type TenantDb } from "@/lib/tenancy/tenant-db";
export { tenantServerUrl, tenantDbUrl, type TenantPlacement } from "@/lib/tenancy/servers";
export { inSerializableTransaction } from "@/lib/tenancy/serializable";

// The registry of tenants in the public schema, cached and invalidated across processes.
export {
  findTenantBySlug,
  findTenantByDomain,
  invalidateTenantCache,
  clearTenantCache,
  listTenants,
  countTenants,
  type Tenant,
  type TenantBranding,
  type TenantWithDomains,
} from "@/lib/tenancy/registry";
export { startRegistryListener } from "@/lib/tenancy/registry-events";

// Change events of a tenant's data, across instances (NOTIFY from the writing transaction, one LISTEN per server).
export { notifyTenantChange, readDatabaseClock, subscribeTenantChanges, COALESCE_MS } from "@/lib/tenancy/tenant-events";
export type { TenantContext } from "@/lib/tenancy/next";

// Lifecycle: create, rename, delete, domains, branding.
export {
  createTenant,
  createTenantSchema,
  deleteTenant,
  settleDeletedSchemas,
  DOMAIN_MAX,
  TENANT_NAME_MAX,
  type CreateTenantInput,
} from "@/lib/tenancy/provision";
export { renameTenant, addDomain, removeDomain, setPrimaryDomain, updateTenantBranding } from "@/lib/tenancy/lifecycle";
export { brandingSchema, logoSourceOrigin, safeAccentColor, type Branding, type BrandingInput } from "@/lib/tenancy/branding";

// Migrations of the shared schema and of every tenant's.
export { migrateShared, migrateTenant } from "@/lib/tenancy/migrate";
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

// Maintenance mode, and the portable tenant: clone, export, import, move.
export {
  startMaintenance,
  endMaintenance,
  isInMaintenance,
  maintenanceText,
  MAINTENANCE_RETRY_AFTER_SECONDS,
  MAX_MAINTENANCE_MESSAGE,
} from "@/lib/tenancy/maintenance";
export type { TenantMaintenance } from "@/lib/tenancy/registry";
export { cloneTenant, type CloneOptions } from "@/lib/tenancy/portability/clone";
export { exportTenant } from "@/lib/tenancy/portability/export";
export { importTenant, type ImportOptions } from "@/lib/tenancy/portability/import";
export { moveTenant, type MoveOptions, type MoveReport } from "@/lib/tenancy/portability/move";
export { type Manifest as ExportManifest } from "@/lib/tenancy/portability/format";

// Errors and input schemas.
export { TenancyError } from "@/lib/tenancy/errors";
export { domainSchema } from "@/lib/tenancy/provision";
export { checkSlug, MAX_SLUG_LENGTH, slugSchema, quoteIdent } from "@/lib/tenancy/schema-name";
