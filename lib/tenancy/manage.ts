// The core's entry point for managing tenants: what the platform console, a tenant admin's settings and the
// tenants CLI change, one tenant at a time, and the rules and limits of their forms. Serving a request needs
// none of it (./index); work over the whole fleet is ./operations.

// Create, rename and delete a tenant.
export { createTenant, createTenantSchema, deleteTenant } from "@/lib/tenancy/provision";
export { renameTenant } from "@/lib/tenancy/lifecycle";

// A tenant's custom domains.
export { addDomain, removeDomain, setPrimaryDomain } from "@/lib/tenancy/lifecycle";

// A tenant's branding: name, description, accent colour and logo.
export { updateTenantBranding } from "@/lib/tenancy/lifecycle";
export { brandingSchema, type Branding } from "@/lib/tenancy/branding";

// Maintenance mode (pages and API answer 503, writes refused), and a tenant's export file.
export { startMaintenance, endMaintenance, MAX_MAINTENANCE_MESSAGE } from "@/lib/tenancy/maintenance";
export { exportTenant } from "@/lib/tenancy/portability/export";

// Every tenant with its domains, a window at a time, and how many there are.
export { listTenants, countTenants } from "@/lib/tenancy/registry";

// The input rules and limits of the forms above.
export { checkSlug, MAX_SLUG_LENGTH, slugSchema } from "@/lib/tenancy/schema-name";
export { domainSchema, DOMAIN_MAX, TENANT_NAME_MAX } from "@/lib/tenancy/provision";
