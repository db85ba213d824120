// Maintenance mode per tenant. It lives in the registry (public."Tenant"."maintenanceSince"), so the cached
// lookup every request makes already carries it, and the registry's change notification tells every
// instance at once. While it is set the proxy answers the tenant's pages (and the server actions posted to
// them) with a 503 maintenance page, the JSON API with a 503 JSON error, both with Retry-After.
//
// A write fence backs it up in the database when the tenant's data must not change (a move's final
// catch-up): a trigger on each of the schema's tables refuses every write with SQLSTATE 25006
// (read_only_sql_transaction), which the API answers as the same 503. It catches the requests of an
// instance that has not heard of the maintenance yet, and waits for those already writing.
import type pg from "pg";
import { WRITE_FENCED_SQLSTATE } from "@/lib/db/errors";
import { quoteIdent } from "@/lib/db/quote-ident";
import { TenancyError } from "@/lib/tenancy/errors";
import { invalidateTenantCache, type Tenant } from "@/lib/tenancy/registry";
import { registryPool } from "@/lib/tenancy/servers";

/** What a 503 for a tenant in maintenance tells clients to wait, in seconds. */
export const MAINTENANCE_RETRY_AFTER_SECONDS = 30;
export const MAX_MAINTENANCE_MESSAGE = 500;

/** Puts a tenant in maintenance mode (again: the message is replaced, the start time kept). */
export async function startMaintenance(slug: string, message?: string | null): Promise<void> {
  const text = message?.trim() || null;
  if (text && text.length > MAX_MAINTENANCE_MESSAGE) {
    throw new TenancyError("invalid", `The maintenance message must be at most ${MAX_MAINTENANCE_MESSAGE} characters`);
  }
  await setMaintenance(
    slug,
    `UPDATE public."Tenant" SET "maintenanceSince" = coalesce("maintenanceSince", now()), "maintenanceMessage" = $2 WHERE slug = $1`,
    [slug, text],
  );
}

/** Takes a tenant out of maintenance mode. */
export async function endMaintenance(slug: string): Promise<void> {
  await setMaintenance(slug, `UPDATE public."Tenant" SET "maintenanceSince" = NULL, "maintenanceMessage" = NULL WHERE slug = $1`, [slug]);
}

async function setMaintenance(slug: string, sql: string, values: unknown[]): Promise<void> {
  const { rowCount } = await registryPool().query(sql, values);
  if (!rowCount) throw new TenancyError("not_found", `No tenant "${slug}"`);
  await invalidateTenantCache();
}

/** What visitors are told while the tenant is down. */
export function maintenanceText(tenant: Pick<Tenant, "name" | "maintenance">): string {
  return tenant.maintenance?.message ?? `${tenant.name} is down for maintenance. Please try again in a few minutes.`;
}

const FENCE_FUNCTION = "_tenant_write_fence";
const FENCE_TRIGGER = "_tenant_write_fence";

/**
 * Fences every table of `schema` against writes, inside the caller's transaction: committed, each
 * INSERT, UPDATE, DELETE or TRUNCATE fails with SQLSTATE 25006. Creating the triggers waits for the
 * transactions already writing to those tables, so once it returns nothing more changes.
 */
export async function fenceWrites(client: pg.ClientBase | pg.Pool, schema: string, tables: string[]): Promise<void> {
  const s = quoteIdent(schema);
  await client.query(
    `CREATE OR REPLACE FUNCTION ${s}.${FENCE_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $fence$
     BEGIN
       RAISE EXCEPTION 'tenant % is in maintenance: writes are refused', TG_TABLE_SCHEMA USING ERRCODE = '${WRITE_FENCED_SQLSTATE}';
     END $fence$`,
  );
  for (const table of tables) {
    await client.query(
      `CREATE TRIGGER ${FENCE_TRIGGER} BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${s}.${quoteIdent(table)}
       FOR EACH STATEMENT EXECUTE FUNCTION ${s}.${FENCE_FUNCTION}()`,
    );
  }
}

/** Lifts the fence (a move that failed gives the tenant back its writes). */
export async function unfenceWrites(client: pg.ClientBase | pg.Pool, schema: string): Promise<void> {
  await client.query(`DROP FUNCTION IF EXISTS ${quoteIdent(schema)}.${FENCE_FUNCTION}() CASCADE`);
}
