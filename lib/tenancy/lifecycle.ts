// Changes to a living tenant: rename it (schema and registry together) and manage its domains
// (at most one primary per tenant). Every change clears the tenant lookup cache before returning.
import type pg from "pg";
import { z } from "zod";
import { CompensationError, inTransaction, inTransactionAcross, poolFor } from "@/lib/db/pools";
import { messageOf } from "@/lib/db/errors";
import { redact } from "@/lib/db/redact";
import { TenancyError } from "@/lib/tenancy/errors";
import { domainSchema, hostNameSchema } from "@/lib/tenancy/provision";
import { brandingSchema, type BrandingInput } from "@/lib/tenancy/branding";
import { invalidateTenantCache, lockKnownTenant, readTenant, TENANT_COLUMNS, type Tenant } from "@/lib/tenancy/registry";
import { quoteIdent, slugSchema } from "@/lib/tenancy/schema-name";
import { registryPool, tenantServerUrl } from "@/lib/tenancy/servers";
import { forgetTenantDb } from "@/lib/tenancy/tenant-db";

/**
 * Renames a tenant: `ALTER SCHEMA … RENAME` and its registry row. On the registry's server both are one
 * transaction; on another server the schema's transaction commits first and is renamed back if the
 * registry's commit then fails (inTransactionAcross).
 */
export async function renameTenant(oldSlug: string, newSlugInput: string): Promise<Tenant> {
  const newSlug = parseOrThrow(slugSchema, newSlugInput);
  const placement = await readTenant("slug", oldSlug);
  if (!placement) throw new TenancyError("not_found", `No tenant "${oldSlug}"`);
  const server = tenantServerUrl(placement);
  try {
    const renamed = await inTransactionAcross(
      registryPool(),
      poolFor(server),
      async (registry, onSchemaServer) => {
        const tenant = await lockKnownTenant(registry, oldSlug, placement);
        // A migration running on this schema holds this lock: wait for it rather than rename under it.
        await onSchemaServer.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`migrate:${oldSlug}`]);
        // The registry row first, as createTenant does: another tenant's slug is told as taken (its unique
        // index refuses it), wherever that tenant's schema lives, before a schema of that name is found.
        await registry.query(`UPDATE public."Tenant" SET slug = $1 WHERE id = $2`, [newSlug, tenant.id]);
        const { rowCount } = await onSchemaServer.query("SELECT 1 FROM pg_namespace WHERE lower(nspname) = lower($1)", [newSlug]);
        if (rowCount) throw new TenancyError("conflict", `A schema named "${newSlug}" already exists`);
        await onSchemaServer.query(`ALTER SCHEMA ${quoteIdent(oldSlug)} RENAME TO ${quoteIdent(newSlug)}`);
        return { ...tenant, slug: newSlug };
      },
      async (onSchemaServer) => void (await onSchemaServer.query(`ALTER SCHEMA ${quoteIdent(newSlug)} RENAME TO ${quoteIdent(oldSlug)}`)),
    );
    forgetTenantDb(placement);
    return renamed;
  } catch (error) {
    if (error instanceof CompensationError) {
      throw new Error(
        `${oldSlug} was not renamed (${messageOf(error.cause)}), and its schema on ${redact(server)} is left named "${newSlug}" ` +
          `(${messageOf(error.undoCause)}): rename it back with ALTER SCHEMA "${newSlug}" RENAME TO "${oldSlug}"`,
      );
    }
    throw translateUniqueViolation(error, `The slug "${newSlug}" is already taken`, "slug");
  } finally {
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
    const tenant = await lockKnownTenant(client, slug);
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
    const tenant = await lockKnownTenant(client, slug);
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

/** Makes one of the tenant's domains its primary (the address its links use first). */
export async function setPrimaryDomain(slug: string, domainInput: string): Promise<void> {
  const domain = parseOrThrow(hostNameSchema, domainInput);
  await inRegistryTransaction(async (client) => {
    const tenant = await lockKnownTenant(client, slug);
    const { rowCount } = await client.query(`SELECT 1 FROM public."Domain" WHERE "tenantId" = $1 AND domain = $2`, [tenant.id, domain]);
    if (!rowCount) throw new TenancyError("not_found", `${slug} has no domain "${domain}"`);
    await client.query(`UPDATE public."Domain" SET "isPrimary" = (domain = $2) WHERE "tenantId" = $1`, [tenant.id, domain]);
  });
}

/** Sets a tenant's display name and branding (validated by brandingSchema); every instance sees it at once. */
export async function updateTenantBranding(slug: string, input: BrandingInput): Promise<Tenant> {
  const branding = parseOrThrow(brandingSchema, input);
  let updated: Tenant | undefined;
  await inRegistryTransaction(async (client) => {
    const tenant = await lockKnownTenant(client, slug);
    const { rows } = await client.query<Tenant>(
      `UPDATE public."Tenant" AS t SET name = $2, description = $3, "accentColor" = $4, "logoUrl" = $5 WHERE t.id = $1
       RETURNING ${TENANT_COLUMNS}`,
      [tenant.id, branding.name, branding.description, branding.accentColor, branding.logoUrl],
    );
    updated = rows[0];
  });
  return updated!;
}

/** Runs `work` in one transaction on the registry's server, then clears the lookup cache. */
async function inRegistryTransaction(work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  try {
    await inTransaction(registryPool(), work);
  } catch (error) {
    throw translateUniqueViolation(error, "That domain is already in use", "domain");
  } finally {
    await invalidateTenantCache();
  }
}

function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw new TenancyError("invalid", result.error.issues[0].message);
  return result.data;
}

function translateUniqueViolation(error: unknown, message: string, field: TenancyError["field"]): unknown {
  return (error as { code?: string })?.code === "23505" ? new TenancyError("conflict", message, field) : error;
}
