// Changes to a living tenant: rename it (schema and registry together) and manage its domains
// (at most one primary per tenant). Every change clears the tenant lookup cache before returning.
import type pg from "pg";
import { z } from "zod";
import { poolFor, release, rollback } from "@/lib/db/pools";
import { defaultServerUrl } from "@/lib/db/public-db";
import { parseConnectionString } from "@/lib/db/connection-string";
import { domainSchema, hostNameSchema, TenancyError } from "@/lib/tenancy/provision";
import { brandingSchema, type BrandingInput } from "@/lib/tenancy/branding";
import { invalidateTenantCache, TENANT_COLUMNS, type Tenant } from "@/lib/tenancy/registry";
import { quoteIdent, slugSchema } from "@/lib/tenancy/schema-name";
import { forgetTenantDb } from "@/lib/tenancy/tenant-db";

export type TenantWithDomains = Tenant & { domains: { domain: string; isPrimary: boolean }[] };

/** Every tenant with its domains (primary first), in slug order. */
export async function listTenantsWithDomains(): Promise<TenantWithDomains[]> {
  const { rows } = await poolFor(defaultServerUrl()).query<TenantWithDomains>(
    `SELECT t.id, t.slug, t.name, t."databaseUrl", t.description, t."accentColor", t."logoUrl",
            coalesce(json_agg(json_build_object('domain', d.domain, 'isPrimary', d."isPrimary")
                       ORDER BY d."isPrimary" DESC, d.id) FILTER (WHERE d.id IS NOT NULL), '[]') AS domains
       FROM public."Tenant" t LEFT JOIN public."Domain" d ON d."tenantId" = t.id
      GROUP BY t.id ORDER BY t.slug`,
  );
  return rows;
}

/**
 * Renames a tenant: `ALTER SCHEMA … RENAME` and its registry row. On the registry's server both are one
 * transaction. On another server the schema is renamed and committed first, and renamed back if the
 * registry update then fails.
 */
export async function renameTenant(oldSlug: string, newSlugInput: string): Promise<Tenant> {
  const newSlug = parseOrThrow(slugSchema, newSlugInput);
  const registryServer = defaultServerUrl();
  const registry = await poolFor(registryServer).connect();
  let schemaConn: pg.PoolClient | null = null;
  let renamedElsewhere = false;
  try {
    await registry.query("BEGIN");
    const tenant = await lockTenant(registry, oldSlug);
    const schemaServer = tenant.databaseUrl ? parseConnectionString(tenant.databaseUrl).serverUrl : registryServer;
    const separate = schemaServer !== registryServer;
    schemaConn = separate ? await poolFor(schemaServer).connect() : null;
    const onSchemaServer = schemaConn ?? registry;
    if (separate) await onSchemaServer.query("BEGIN");

    // A migration running on this schema holds this lock: wait for it rather than rename under it.
    await onSchemaServer.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`migrate:${oldSlug}`]);
    const { rowCount } = await onSchemaServer.query("SELECT 1 FROM pg_namespace WHERE lower(nspname) = lower($1)", [newSlug]);
    if (rowCount) throw new TenancyError("conflict", `A schema named "${newSlug}" already exists`);
    await onSchemaServer.query(`ALTER SCHEMA ${quoteIdent(oldSlug)} RENAME TO ${quoteIdent(newSlug)}`);
    if (separate) {
      await onSchemaServer.query("COMMIT");
      renamedElsewhere = true;
    }
    await registry.query(`UPDATE public."Tenant" SET slug = $1 WHERE id = $2`, [newSlug, tenant.id]);
    await registry.query("COMMIT");
    forgetTenantDb({ slug: oldSlug, databaseUrl: tenant.databaseUrl });
    return { ...tenant, slug: newSlug };
  } catch (error) {
    await rollback(registry);
    if (schemaConn && !renamedElsewhere) await rollback(schemaConn);
    if (schemaConn && renamedElsewhere) {
      await schemaConn.query(`ALTER SCHEMA ${quoteIdent(newSlug)} RENAME TO ${quoteIdent(oldSlug)}`).catch(() => {});
    }
    throw translateUniqueViolation(error, "That slug is already taken");
  } finally {
    release(registry);
    if (schemaConn) release(schemaConn);
    await invalidateTenantCache();
  }
}

/**
 * Adds a custom domain. The tenant's first domain becomes its primary; `primary: true` moves the
 * primary flag to the new one.
 */
export async function addDomain(slug: string, domainInput: string, options: { primary?: boolean } = {}): Promise<void> {
  const domain = parseOrThrow(domainSchema, domainInput);
  await inRegistryTransaction(async (client) => {
    const tenant = await lockTenant(client, slug);
    const { rowCount } = await client.query(`SELECT 1 FROM public."Domain" WHERE "tenantId" = $1 AND "isPrimary"`, [tenant.id]);
    const primary = options.primary === true || rowCount === 0;
    if (primary) await client.query(`UPDATE public."Domain" SET "isPrimary" = false WHERE "tenantId" = $1`, [tenant.id]);
    await client.query(`INSERT INTO public."Domain" (domain, "tenantId", "isPrimary") VALUES ($1, $2, $3)`, [domain, tenant.id, primary]);
  });
}

/** Removes a domain of the tenant; if it was the primary, the oldest remaining domain takes over. */
export async function removeDomain(slug: string, domainInput: string): Promise<void> {
  // Only the shape: a domain added under older rules (or another ROOT_DOMAIN) must stay removable.
  const domain = parseOrThrow(hostNameSchema, domainInput);
  await inRegistryTransaction(async (client) => {
    const tenant = await lockTenant(client, slug);
    const { rows } = await client.query<{ isPrimary: boolean }>(
      `DELETE FROM public."Domain" WHERE "tenantId" = $1 AND domain = $2 RETURNING "isPrimary"`,
      [tenant.id, domain],
    );
    if (!rows[0]) throw new TenancyError("not_found", `${slug} has no domain "${domain}"`);
    if (rows[0].isPrimary) {
      await client.query(
        `UPDATE public."Domain" SET "isPrimary" = true
          WHERE id = (SELECT id FROM public."Domain" WHERE "tenantId" = $1 ORDER BY id LIMIT 1)`,
        [tenant.id],
      );
    }
  });
}

/** Runs `work` in one transaction on the registry's server, then clears the lookup cache. */
async function inRegistryTransaction(work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await poolFor(defaultServerUrl()).connect();
  try {
    await client.query("BEGIN");
    await work(client);
    await client.query("COMMIT");
  } catch (error) {
    await rollback(client);
    throw translateUniqueViolation(error, "That domain is already in use");
  } finally {
    release(client);
    await invalidateTenantCache();
  }
}

/** The tenant's row, locked until the transaction ends, so domain and name changes to it serialise. */
async function lockTenant(client: pg.ClientBase, slug: string): Promise<Tenant> {
  const { rows } = await client.query<Tenant>(
    `SELECT ${TENANT_COLUMNS} FROM public."Tenant" WHERE slug = $1 FOR UPDATE`,
    [slug],
  );
  if (!rows[0]) throw new TenancyError("not_found", `No tenant "${slug}"`);
  return rows[0];
}

function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw new TenancyError("invalid", result.error.issues[0].message);
  return result.data;
}

function translateUniqueViolation(error: unknown, message: string): unknown {
  return (error as { code?: string })?.code === "23505" ? new TenancyError("conflict", message) : error;
}

/** Sets a tenant's display name and branding (validated by brandingSchema); every instance sees it at once. */
export async function updateTenantBranding(slug: string, input: BrandingInput): Promise<Tenant> {
  const branding = parseOrThrow(brandingSchema, input);
  let updated: Tenant | undefined;
  await inRegistryTransaction(async (client) => {
    const tenant = await lockTenant(client, slug);
    const { rows } = await client.query<Tenant>(
      `UPDATE public."Tenant" SET name = $2, description = $3, "accentColor" = $4, "logoUrl" = $5 WHERE id = $1
       RETURNING ${TENANT_COLUMNS}`,
      [tenant.id, branding.name, branding.description, branding.accentColor, branding.logoUrl],
    );
    updated = rows[0];
  });
  return updated!;
}

/** Makes one of the tenant's domains its primary (the address its links use first). */
export async function setPrimaryDomain(slug: string, domainInput: string): Promise<void> {
  const domain = parseOrThrow(hostNameSchema, domainInput);
  await inRegistryTransaction(async (client) => {
    const tenant = await lockTenant(client, slug);
    const { rowCount } = await client.query(`SELECT 1 FROM public."Domain" WHERE "tenantId" = $1 AND domain = $2`, [tenant.id, domain]);
    if (!rowCount) throw new TenancyError("not_found", `${slug} has no domain "${domain}"`);
    await client.query(`UPDATE public."Domain" SET "isPrimary" = (domain = $2) WHERE "tenantId" = $1`, [tenant.id, domain]);
  });
}
