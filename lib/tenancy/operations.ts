// The core's entry point for the command-line tools and benchmarks that run the fleet: the
// migration runner (`npm run migrate`), where each tenant lives, and finishing deletes a failure stopped
// half-way (`npm run tenants -- settle`), copies and moves. An app's pages and handlers need none of it: they
// use ./index, and its consoles ./manage. (The proxy reads tenantServerUrl, to answer 503 for a server that is down.)

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

// Where a tenant lives.
export { tenantServerUrl, tenantDbUrl, type TenantPlacement } from "@/lib/tenancy/servers";

// Deletes on another server that stopped between the registry's commit and the schema's drop.
export { settleDeletedSchemas } from "@/lib/tenancy/provision";

// The portable tenant: a copy on the same server, one from an export file, a move to another server.
export { cloneTenant, type CloneOptions } from "@/lib/tenancy/portability/clone";
export { importTenant, type ImportOptions } from "@/lib/tenancy/portability/import";
export { moveTenant, type MoveOptions, type MoveReport } from "@/lib/tenancy/portability/move";
