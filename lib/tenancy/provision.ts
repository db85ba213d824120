// Creating a tenant: registry row, domains, schema and every tenant migration, atomically.
// When the schema lives on the registry's server it all happens in one transaction; on another server
// the schema commits first and is dropped again if the registry insert then fails.
import type pg from "pg";
import { z } from "zod";
import { env } from "@/lib/env";
import { poolFor, release, rollback } from "@/lib/db/pools";
import { defaultServerUrl } from "@/lib/db/public-db";
import { applyMigrationsInTransaction } from "@/lib/db/migrations";
import { parseConnectionString } from "@/lib/db/connection-string";
import { tenantMigrations } from "@/lib/tenancy/migrate";
import { invalidateTenantCache, TENANT_COLUMNS, type Tenant } from "@/lib/tenancy/registry";
import { forgetTenantDb } from "@/lib/tenancy/tenant-db";
import { HOST_NAME_PATTERN } from "@/lib/tenancy/host";
import { quoteIdent, slugSchema } from "@/lib/tenancy/schema-name";

export class TenancyError extends Error {
  constructor(
    readonly code: "invalid" | "conflict" | "not_found",
    message: string,
  ) {
    super(message);
    this.name = "TenancyError";
  }
}

/** A host name's shape only; enough to name an existing domain (e.g. to remove it). */
export const hostNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253, "Domain must be at most 253 characters")
  .regex(HOST_NAME_PATTERN, "Domain must be a host name such as polls.example.com");

/** A new custom domain. */
export const domainSchema = hostNameSchema
  // Hosts under the root domain route by subdomain: as a custom domain one would claim another tenant's host.
  .superRefine((domain, ctx) => {
    const root = env().ROOT_DOMAIN;
    if (domain === root || domain.endsWith(`.${root}`)) {
      ctx.addIssue({ code: "custom", message: `Use a domain outside ${root}: every tenant already has <slug>.${root}` });
    }
  });

/** A tenant's display name. */
export const tenantNameSchema = z.string().trim().min(1, "Name is required").max(100, "Name must be at most 100 characters");

export const createTenantSchema = z.object({
  slug: slugSchema,
  name: tenantNameSchema,
  databaseUrl: z.url({ protocol: /^postgres(ql)?$/, error: "Database URL must be a postgresql:// URL" }).optional(),
  domains: z.array(domainSchema).max(20).default([]),
});
export type CreateTenantInput = z.input<typeof createTenantSchema>;

export async function createTenant(input: CreateTenantInput): Promise<Tenant> {
  const parsed = createTenantSchema.safeParse(input);
  if (!parsed.success) throw new TenancyError("invalid", parsed.error.issues[0].message);
  const { slug, name, databaseUrl, domains } = parsed.data;
  const registryServer = defaultServerUrl();
  const schemaServer = databaseUrl ? parseConnectionString(databaseUrl).serverUrl : registryServer;

  const registry = await poolFor(registryServer).connect();
  const schemaConn = schemaServer === registryServer ? registry : await poolFor(schemaServer).connect();
  const separate = schemaConn !== registry;
  let schemaCommitted = false;
  try {
    await registry.query("BEGIN");
    if (separate) await schemaConn.query("BEGIN");
    await refuseExistingSchema(schemaConn, slug);
    const tenant = await insertRegistryRows(registry, { slug, name, databaseUrl: databaseUrl ?? null, domains });
    await applyMigrationsInTransaction(schemaConn, slug, tenantMigrations());
    if (separate) {
      await schemaConn.query("COMMIT");
      schemaCommitted = true;
    }
    await registry.query("COMMIT");
    return tenant;
  } catch (error) {
    await rollback(registry);
    if (separate && !schemaCommitted) await rollback(schemaConn);
    if (schemaCommitted) await schemaConn.query(`DROP SCHEMA IF EXISTS ${quoteIdent(slug)} CASCADE`).catch(() => {});
    throw translatePgError(error);
  } finally {
    release(registry);
    if (separate) release(schemaConn);
    await invalidateTenantCache();
  }
}

/** Never adopt a schema someone else made; compare case-insensitively (`C2` is not free when `c2` exists). */
async function refuseExistingSchema(client: pg.ClientBase, slug: string): Promise<void> {
  const { rowCount } = await client.query("SELECT 1 FROM pg_namespace WHERE lower(nspname) = lower($1)", [slug]);
  if (rowCount) throw new TenancyError("conflict", `A schema named "${slug}" already exists`);
}

async function insertRegistryRows(
  client: pg.ClientBase,
  tenant: { slug: string; name: string; databaseUrl: string | null; domains: string[] },
): Promise<Tenant> {
  const { rows } = await client.query<Tenant>(
    `INSERT INTO public."Tenant" (slug, name, "databaseUrl") VALUES ($1, $2, $3)
     RETURNING ${TENANT_COLUMNS}`,
    [tenant.slug, tenant.name, tenant.databaseUrl],
  );
  const [created] = rows;
  for (const [index, domain] of tenant.domains.entries()) {
    await client.query(`INSERT INTO public."Domain" (domain, "tenantId", "isPrimary") VALUES ($1, $2, $3)`, [
      domain,
      created.id,
      index === 0,
    ]);
  }
  return created;
}

function translatePgError(error: unknown): unknown {
  const pgError = error as { code?: string; constraint?: string };
  if (pgError?.code === "23505") {
    const what = pgError.constraint?.includes("Domain") ? "That domain is already in use" : "That slug is already taken";
    return new TenancyError("conflict", what);
  }
  return error;
}

/** Deletes a tenant: its schema (with all its data), its registry rows and its cached client. */
export async function deleteTenant(slug: string): Promise<void> {
  const registry = await poolFor(defaultServerUrl()).connect();
  try {
    await registry.query("BEGIN");
    const { rows } = await registry.query<{ id: number; databaseUrl: string | null }>(
      `SELECT id, "databaseUrl" FROM public."Tenant" WHERE slug = $1 FOR UPDATE`,
      [slug],
    );
    if (!rows[0]) throw new TenancyError("not_found", `No tenant "${slug}"`);
    await registry.query(`DELETE FROM public."Tenant" WHERE id = $1`, [rows[0].id]);
    const server = rows[0].databaseUrl ? parseConnectionString(rows[0].databaseUrl).serverUrl : defaultServerUrl();
    const dropSql = `DROP SCHEMA IF EXISTS ${quoteIdent(slug)} CASCADE`;
    // On the registry's server the drop is part of the same transaction; elsewhere it follows the delete.
    if (server === defaultServerUrl()) await registry.query(dropSql);
    await registry.query("COMMIT");
    if (server !== defaultServerUrl()) await poolFor(server).query(dropSql);
    forgetTenantDb({ slug, databaseUrl: rows[0].databaseUrl });
  } catch (error) {
    await rollback(registry);
    throw error;
  } finally {
    release(registry);
    await invalidateTenantCache();
  }
}
