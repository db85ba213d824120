// The tenancy core's public surface for serving a request. Everything outside lib/tenancy imports from here,
// from ./next for the request helpers that need Next, from ./manage for changing tenants (the consoles and
// the tenants CLI), or from ./operations for what the CLIs run over the whole fleet (migrations, placement,
// moves). Deep imports are a lint error; see eslint.config.mjs.

// Configuration, given once at the app's edge.
export { configureTenancy, type TenancyConfig } from "@/lib/tenancy/config";

// Routing: which site a request's host names.
export { siteOf, type Site } from "@/lib/tenancy/site";
export { requestProtocol, tenantOrigin } from "@/lib/tenancy/host";

// A tenant's database client, bound to its schema.
export { tenantDb, type TenantDb } from "@/lib/tenancy/tenant-db";
export { inSerializableTransaction } from "@/lib/tenancy/serializable";

// The registry of tenants in the public schema, cached and invalidated across processes.
export { findTenantBySlug, clearTenantCache, type Tenant } from "@/lib/tenancy/registry";
export { startRegistryListener } from "@/lib/tenancy/registry-events";

// Change events of a tenant's data, across instances (NOTIFY from the writing transaction, one LISTEN per server).
export { notifyTenantChange, readDatabaseClock, subscribeTenantChanges } from "@/lib/tenancy/tenant-events";

// A tenant's row as a response shows it: its branding re-checked for CSS and the CSP, and the 503 it answers
// while in maintenance.
export { logoSourceOrigin, safeAccentColor } from "@/lib/tenancy/branding";
export { maintenanceText, MAINTENANCE_RETRY_AFTER_SECONDS } from "@/lib/tenancy/maintenance";

// The core's expected failures.
export { TenancyError } from "@/lib/tenancy/errors";
