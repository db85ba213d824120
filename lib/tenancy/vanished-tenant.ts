// A tenant that vanished under a cached lookup (deleted, renamed or moved by another instance or the CLI,
// before the registry's notification arrived or, behind PgBouncer without a direct LISTEN, at all): its
// queries find their schema missing. Such a failure re-checks the registry past the cache, and when the
// tenant is indeed gone the request ends as "no such site" (a 404) instead of a 500.
import { noteDatabaseError } from "@/lib/db/availability";
import { isMissingRelation } from "@/lib/db/errors";
import { isTenantGone, type Tenant } from "@/lib/tenancy/registry";
import { tenantServerUrl } from "@/lib/tenancy/servers";
import type { TenantDb } from "@/lib/tenancy/tenant-db";

/** Ends the request as "no such site": the pages' notFound(), the API's 404 error. */
export type OnTenantGone = () => never;

// Extending a client costs ~0.1 ms, so each tenant client's guarded variant is made once per way of ending.
const guarded = new WeakMap<TenantDb, Map<OnTenantGone, Map<string, TenantDb>>>();

/** `db` whose every operation, failing on a missing relation of a tenant no longer registered, calls `onGone`. */
export function guardVanishedTenant(tenant: Tenant, db: TenantDb, onGone: OnTenantGone): TenantDb {
  const byEnding = guarded.get(db) ?? new Map<OnTenantGone, Map<string, TenantDb>>();
  guarded.set(db, byEnding);
  const byTenant = byEnding.get(onGone) ?? new Map<string, TenantDb>();
  byEnding.set(onGone, byTenant);
  const key = `${tenant.id}\u0000${tenant.slug}\u0000${tenant.databaseUrl ?? ""}`;
  let client = byTenant.get(key);
  if (!client) {
    client = extend(tenant, db, onGone);
    byTenant.set(key, client);
  }
  return client;
}

function extend(tenant: Tenant, db: TenantDb, onGone: OnTenantGone): TenantDb {
  const extended = db.$extends({
    name: "vanished-tenant",
    query: {
      async $allOperations({ args, query }) {
        try {
          return await query(args);
        } catch (error) {
          if (isMissingRelation(error) && (await isTenantGone(tenant))) onGone();
          noteDatabaseError(tenantServerUrl(tenant), error);
          throw error;
        }
      },
    },
  });
  // Same models and methods; only the extension's type differs from the plain client's.
  return extended as unknown as TenantDb;
}
