// Which tenant the current query belongs to. One Prisma client serves every tenant on a server, so
// the tenant travels with the async call chain (AsyncLocalStorage) from tenantDb(tenant) down to the
// driver adapter, which writes it into the SQL in place of the placeholder schema.
import { AsyncLocalStorage } from "node:async_hooks";
import { quoteIdent } from "@/lib/tenancy/schema-name";

/** The schema the shared client is generated for. No slug can take it (a slug starts with a letter). */
export const PLACEHOLDER_SCHEMA = "__tenant__";
export const QUOTED_PLACEHOLDER = quoteIdent(PLACEHOLDER_SCHEMA);

/** A tenant as its statements name it. */
export type TenantScope = { schema: string; quotedSchema: string };

// One store per process, even when a bundler loads this module twice (Next keeps the client on globalThis).
const globalForScope = globalThis as unknown as { tenantScope?: AsyncLocalStorage<TenantScope> };
const storage = (globalForScope.tenantScope ??= new AsyncLocalStorage<TenantScope>());

export function tenantScope(schema: string): TenantScope {
  return { schema, quotedSchema: quoteIdent(schema) };
}

/** Runs `work` (and every async continuation it starts) as the tenant's. */
export function runAsTenant<T>(scope: TenantScope, work: () => T): T {
  return storage.run(scope, work);
}

export function currentTenant(): TenantScope | undefined {
  return storage.getStore();
}

export class TenantScopeError extends Error {
  override name = "TenantScopeError";
}

/** The current tenant, or a refusal: a tenant statement outside a tenant's context has no schema to name. */
export function requireCurrentTenant(): TenantScope {
  const scope = currentTenant();
  if (!scope) throw new TenantScopeError("A tenant query ran outside a tenant context: reach tenant data through tenantDb(tenant)");
  return scope;
}

/** The statement with every placeholder schema replaced by the tenant's (Prisma quotes every identifier it names). */
export function bindSql(sql: string, scope: TenantScope): string {
  return sql.replaceAll(QUOTED_PLACEHOLDER, scope.quotedSchema);
}
