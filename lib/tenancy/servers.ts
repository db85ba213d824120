// Where a tenant lives: the one place that turns a tenant's `databaseUrl` (or its absence) into the
// server its schema is on. The registry itself is on the default server.
import type pg from "pg";
import { poolFor } from "@/lib/db/pools";
import { defaultDirectUrl, defaultServerUrl } from "@/lib/db/public-db";
import { parseConnectionString, tenantConnectionString } from "@/lib/db/connection-string";

/** What the core needs to know of a tenant to reach it: its schema and, optionally, its own server. */
export type TenantPlacement = { slug: string; databaseUrl: string | null };

/** The server a tenant's schema is on: its own `databaseUrl`'s, or the registry's (the default server). */
export function tenantServerUrl(tenant: Pick<TenantPlacement, "databaseUrl">): string {
  return tenant.databaseUrl ? parseConnectionString(tenant.databaseUrl).serverUrl : defaultServerUrl();
}

/** The same server without a pooler in between (migrations): its `databaseUrl`'s direct companion, or DIRECT_URL. */
export function tenantDirectUrl(tenant: Pick<TenantPlacement, "databaseUrl">): string {
  return tenant.databaseUrl ? parseConnectionString(tenant.databaseUrl).directUrl : defaultDirectUrl();
}

/** `<server url>?schema=<slug>`: the tenant's connection string. */
export function tenantDbUrl(tenant: TenantPlacement): string {
  return tenantConnectionString(tenantServerUrl(tenant), tenant.slug);
}

/** The pool of the registry's server: every read and write of public."Tenant" and public."Domain" goes through it. */
export function registryPool(): pg.Pool {
  return poolFor(defaultServerUrl());
}
