// Creating and deleting a tenant: registry rows, domains, schema and every tenant migration, atomically.
// When the schema lives on the registry's server it all happens in one transaction; on another server
// inTransactionAcross commits the schema first and undoes it if the registry's commit then fails. A clone
// or an import creates its tenant the same way, with its own step building the schema.
import type pg from "pg";
import { z } from "zod";
import { CompensationError, inTransaction, inTransactionAcross, poolFor } from "@/lib/db/pools";
import { messageOf } from "@/lib/db/errors";
import { redact } from "@/lib/db/redact";
import { applyMigrationsInTransaction } from "@/lib/db/migrations";
import { tenantMigrations } from "@/lib/tenancy/migrate";
import { tenancyConfig } from "@/lib/tenancy/config";
import { TenancyError } from "@/lib/tenancy/errors";
import { invalidateTenantCache, lockKnownTenant, lockTenant, readTenant, TENANT_COLUMNS, type Tenant, type TenantBranding } from "@/lib/tenancy/registry";
import { registryPool, tenantServerUrl } from "@/lib/tenancy/servers";
import { forgetTenantDb } from "@/lib/tenancy/tenant-db";
import { HOST_NAME_PATTERN } from "@/lib/tenancy/host";
import { quoteIdent, slugSchema } from "@/lib/tenancy/schema-name";

export const TENANT_NAME_MAX = 100;
export const DOMAIN_MAX = 253;

/** A host name's shape only; enough to name an existing domain (e.g. to remove it). */
export const hostNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(DOMAIN_MAX, `Domain must be at most ${DOMAIN_MAX} characters`)
  .regex(HOST_NAME_PATTERN, "Domain must be a host name such as polls.example.com");

/** A new custom domain. */
export const domainSchema = hostNameSchema
  // Hosts under the root domain route by subdomain: as a custom domain one would claim another tenant's host.
  .superRefine((domain, ctx) => {
    const root = tenancyConfig().rootDomain;
    if (domain === root || domain.endsWith(`.${root}`)) {
      ctx.addIssue({ code: "custom", message: `Use a domain outside ${root}: every tenant already has <slug>.${root}` });
    }
  });

/** A tenant's display name. */
export const tenantNameSchema = z
  .string()
  .trim()
  .min(1, "Name is required")
  .max(TENANT_NAME_MAX, `Name must be at most ${TENANT_NAME_MAX} characters`);

export const createTenantSchema = z.object({
  slug: slugSchema,
  name: tenantNameSchema,
  databaseUrl: z.url({ protocol: /^postgres(ql)?$/, error: "Database URL must be a postgresql:// URL" }).optional(),
  domains: z.array(domainSchema).max(20).default([]),
});
export type CreateTenantInput = z.input<typeof createTenantSchema>;

/** Builds a new tenant's schema (named `slug`) on `client`, inside the transaction that creates the tenant. */
export type SchemaBuilder = (client: pg.PoolClient, slug: string) => Promise<void>;
export type CreateTenantOptions = {
  /** How the schema is made: by the tenant migrations unless a clone or an import fills it its own way. */
  build?: SchemaBuilder;
  /** The build reads other schemas (a clone) and must see them as of one moment. */
  snapshot?: boolean;
  /** Branding the tenant starts with (a clone's source's, an import's), already held to brandingSchema; the defaults otherwise. */
  branding?: TenantBranding;
};

/** What a new tenant looks like until its admin brands it: the site's defaults (the columns' defaults too). */
const DEFAULT_BRANDING: TenantBranding = { description: "", accentColor: null, logoUrl: null };

const migrateNewSchema: SchemaBuilder = async (client, slug) => void (await applyMigrationsInTransaction(client, slug, tenantMigrations()));

export async function createTenant(input: CreateTenantInput, options: CreateTenantOptions = {}): Promise<Tenant> {
  const parsed = createTenantSchema.safeParse(input);
  if (!parsed.success) throw new TenancyError("invalid", parsed.error.issues[0].message);
  const { slug, name, databaseUrl = null, domains } = parsed.data;
  const { build = migrateNewSchema, snapshot = false, branding = null } = options;
  const schemaServer = tenantServerUrl({ databaseUrl });
  try {
    return await inTransactionAcross(
      registryPool(),
      poolFor(schemaServer),
      async (registry, onSchemaServer) => {
        // Before any other statement of the transaction, or PostgreSQL refuses it.
        if (snapshot) await onSchemaServer.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        // The registry row first: a slug that is taken is told as such, before its schema is found to exist.
        const tenant = await insertRegistryRows(registry, { slug, name, databaseUrl, domains, branding });
        await refuseExistingSchema(onSchemaServer, slug);
        await build(onSchemaServer, slug);
        return tenant;
      },
      async (onSchemaServer) => void (await onSchemaServer.query(`DROP SCHEMA IF EXISTS ${quoteIdent(slug)} CASCADE`)),
    );
  } catch (error) {
    if (error instanceof CompensationError) {
      throw new Error(
        `${slug} was not created (${messageOf(error.cause)}), and its schema on ${redact(schemaServer)} could not be dropped ` +
          `(${messageOf(error.undoCause)}): drop schema "${slug}" there before creating ${slug} again`,
      );
    }
    throw translatePgError(error, slug);
  } finally {
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
  tenant: { slug: string; name: string; databaseUrl: string | null; domains: string[]; branding: TenantBranding | null },
): Promise<Tenant> {
  const { description, accentColor, logoUrl } = tenant.branding ?? DEFAULT_BRANDING;
  const { rows } = await client.query<Tenant>(
    `INSERT INTO public."Tenant" AS t (slug, name, "databaseUrl", description, "accentColor", "logoUrl") VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING ${TENANT_COLUMNS}`,
    [tenant.slug, tenant.name, tenant.databaseUrl, description, accentColor, logoUrl],
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

function translatePgError(error: unknown, slug: string): unknown {
  const pgError = error as { code?: string; constraint?: string };
  if (pgError?.code === "23505") {
    return pgError.constraint?.includes("Domain")
      ? new TenancyError("conflict", "That domain is already in use", "domain")
      : new TenancyError("conflict", `The slug "${slug}" is already taken`, "slug");
  }
  return error;
}

// A schema set aside by a delete on another server is named for the tenant's registry id: never a slug
// (slugs start with a letter), so it blocks no new tenant, and `settleDeletedSchemas` can finish its delete.
const DELETED_PREFIX = "_deleted_";
const deletedSchemaName = (tenantId: number) => `${DELETED_PREFIX}${tenantId}`;

/**
 * Deletes a tenant: its schema (with all its data), its registry rows and its cached client. On the
 * registry's server that is one transaction. On another server the schema is first renamed aside (and
 * renamed back if the registry's commit fails), then dropped once the registry no longer has the tenant;
 * a drop that fails then leaves a schema no tenant can see, which `settleDeletedSchemas` drops later.
 */
export async function deleteTenant(slug: string): Promise<void> {
  const placement = await readTenant("slug", slug);
  if (!placement) throw new TenancyError("not_found", `No tenant "${slug}"`);
  const server = tenantServerUrl(placement);
  const aside = deletedSchemaName(placement.id);
  let setAside = false;
  try {
    setAside = await inTransactionAcross(
      registryPool(),
      poolFor(server),
      async (registry, onSchemaServer) => {
        const tenant = await lockKnownTenant(registry, slug, placement);
        await registry.query(`DELETE FROM public."Tenant" WHERE id = $1`, [tenant.id]);
        // A migration running on this schema holds this lock: wait for it rather than drop under it.
        await onSchemaServer.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`migrate:${slug}`]);
        if (registry === onSchemaServer) {
          await onSchemaServer.query(`DROP SCHEMA IF EXISTS ${quoteIdent(slug)} CASCADE`);
          return false;
        }
        if (!(await schemaExists(onSchemaServer, slug))) return false;
        await onSchemaServer.query(`ALTER SCHEMA ${quoteIdent(slug)} RENAME TO ${quoteIdent(aside)}`);
        return true;
      },
      async (onSchemaServer, renamed) => {
        if (renamed) await onSchemaServer.query(`ALTER SCHEMA ${quoteIdent(aside)} RENAME TO ${quoteIdent(slug)}`);
      },
    );
  } catch (error) {
    if (error instanceof CompensationError) {
      throw new Error(
        `${slug} was not deleted (${messageOf(error.cause)}), and its schema on ${redact(server)} stays renamed "${aside}" ` +
          `(${messageOf(error.undoCause)}): run "npm run tenants -- settle" to rename it back`,
      );
    }
    throw error;
  } finally {
    await invalidateTenantCache();
  }
  forgetTenantDb(placement);
  if (setAside) {
    await poolFor(server)
      .query(`DROP SCHEMA IF EXISTS ${quoteIdent(aside)} CASCADE`)
      .catch((error: unknown) =>
        console.warn(
          `[tenancy] ${slug} is deleted, but its data on ${redact(server)} waits in schema "${aside}" (${messageOf(error)}): ` +
            `run "npm run tenants -- settle" to drop it`,
        ),
      );
  }
}

/**
 * Finishes deletes that stopped half-way on `serverUrl`: a schema set aside whose tenant is gone from the
 * registry is dropped; one whose tenant is still registered (its delete was undone, but renaming it back
 * failed) is renamed back. Returns what it did, a line each.
 */
export async function settleDeletedSchemas(serverUrl: string): Promise<string[]> {
  const pool = poolFor(serverUrl);
  const { rows } = await pool.query<{ name: string }>(
    `SELECT nspname AS name FROM pg_namespace WHERE nspname ~ $1 ORDER BY nspname`,
    [`^${DELETED_PREFIX}[0-9]+$`],
  );
  const done: string[] = [];
  for (const { name } of rows) {
    const id = Number(name.slice(DELETED_PREFIX.length));
    // The tenant's row lock: a delete still in flight commits (or not) before this decides.
    await inTransaction(registryPool(), async (registry) => {
      const tenant = await lockTenant(registry, id);
      if (tenant && tenantServerUrl(tenant) === tenantServerUrl({ databaseUrl: serverUrl })) {
        await pool.query(`ALTER SCHEMA ${quoteIdent(name)} RENAME TO ${quoteIdent(tenant.slug)}`);
        done.push(`renamed "${name}" back to "${tenant.slug}"`);
      } else if (!tenant) {
        await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(name)} CASCADE`);
        done.push(`dropped "${name}"`);
      }
    });
  }
  return done;
}

async function schemaExists(client: pg.ClientBase, name: string): Promise<boolean> {
  return ((await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [name])).rowCount ?? 0) > 0;
}

