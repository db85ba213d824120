// The tenancy core's public surface: everything outside lib/tenancy imports from here, from ./next for
// the request helpers that need Next, or from ./operations for what the CLIs run over the whole fleet
// (migrations, placement). Deep imports are a lint error; see eslint.config.mjs.

// Configuration, given once at the app's edge.
export { configureTenancy, type TenancyConfig } from "@/lib/tenancy/config";

// Routing: which site a request's host names.
export { siteOf, type Site } from "@/lib/tenancy/site";
export { requestProtocol, tenantOrigin } from "@/lib/tenancy/host";

// A tenant's database client, bound to its schema.
export { tenantDb, type TenantDb } from "@/lib/tenancy/tenant-db";
export { inSerializableTransaction } from "@/lib/tenancy/serializable";

// The registry of tenants in the public schema, cached and invalidated across processes.
export { findTenantBySlug, listTenants, countTenants, clearTenantCache, type Tenant } from "@/lib/tenancy/registry";
export { startRegistryListener } from "@/lib/tenancy/registry-events";

// Lifecycle: create, rename, delete, domains.
export { createTenant, createTenantSchema, deleteTenant } from "@/lib/tenancy/provision";
export { renameTenant, addDomain, removeDomain } from "@/lib/tenancy/lifecycle";

// Maintenance mode (pages and API answer 503, writes refused), and a tenant's export for the platform admin.
export {
  startMaintenance,
  endMaintenance,
  maintenanceText,
  MAINTENANCE_RETRY_AFTER_SECONDS,
  MAX_MAINTENANCE_MESSAGE,
} from "@/lib/tenancy/maintenance";
export type { TenantMaintenance } from "@/lib/tenancy/registry";
export { exportTenant } from "@/lib/tenancy/portability/export";

// Errors and input rules.
export { TenancyError } from "@/lib/tenancy/errors";
export { checkSlug } from "@/lib/tenancy/schema-name";
