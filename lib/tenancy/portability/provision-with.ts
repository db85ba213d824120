// Creating a tenant whose schema is built by the caller (a clone's copy, an import's load) with the same
// all-or-nothing rule as createTenant: registry rows and schema in one transaction when they share a
// server; on another server the schema commits first and is dropped again if the registry then fails.
// Schema work goes to the server's direct URL (past any PgBouncer).
import type pg from "pg";
import { z } from "zod";
import { poolFor, release, rollback } from "@/lib/db/pools";
import { defaultDirectUrl } from "@/lib/db/public-db";
import { parseConnectionString } from "@/lib/db/connection-string";
import { quoteIdent } from "@/lib/db/quote-ident";
import { invalidateTenantCache, type Tenant } from "@/lib/tenancy/registry";
import { TenancyError } from "@/lib/tenancy/provision";
import { slugSchema } from "@/lib/tenancy/schema-name";

export type NewTenant = { slug: string; name: string; databaseUrl: string | null };
/** Builds the new schema (named `slug`) on `client`, inside the open transaction. */
export type SchemaBuilder = (client: pg.PoolClient, slug: string) => Promise<void>;

const nameSchema = z.string().trim().min(1, "Name is required").max(100, "Name must be at most 100 characters");

/** The direct URL of the server a tenant's `databaseUrl` names (null: the default server). */
export function directServerOf(databaseUrl: string | null): string {
  return databaseUrl ? parseConnectionString(databaseUrl).directUrl : defaultDirectUrl();
}

export async function provisionTenantWith(input: NewTenant, build: SchemaBuilder, isolation = "READ COMMITTED"): Promise<Tenant> {
  const slug = parse(slugSchema, input.slug);
  const name = parse(nameSchema, input.name);
  const registryServer = defaultDirectUrl();
  const schemaServer = directServerOf(input.databaseUrl);
  const registry = await poolFor(registryServer).connect();
  const separate = schemaServer !== registryServer;
  let schemaConn: pg.PoolClient | null = null;
  let schemaCommitted = false;
  try {
    schemaConn = separate ? await poolFor(schemaServer).connect() : registry;
    await registry.query(`BEGIN ISOLATION LEVEL ${isolation}`);
    if (separate) await schemaConn.query(`BEGIN ISOLATION LEVEL ${isolation}`);
    const { rows } = await registry.query<Tenant>(
      `INSERT INTO public."Tenant" (slug, name, "databaseUrl") VALUES ($1, $2, $3) RETURNING id, slug, name, "databaseUrl"`,
      [slug, name, input.databaseUrl],
    );
    const taken = await schemaConn.query("SELECT 1 FROM pg_namespace WHERE lower(nspname) = lower($1)", [slug]);
    if (taken.rowCount) throw new TenancyError("conflict", `A schema named "${slug}" already exists`);
    await build(schemaConn, slug);
    if (separate) {
      await schemaConn.query("COMMIT");
      schemaCommitted = true;
    }
    await registry.query("COMMIT");
    return rows[0];
  } catch (error) {
    await rollback(registry);
    if (separate && schemaConn && !schemaCommitted) await rollback(schemaConn);
    if (schemaCommitted) await schemaConn!.query(`DROP SCHEMA IF EXISTS ${quoteIdent(slug)} CASCADE`).catch(() => {});
    if ((error as { code?: string }).code === "23505") throw new TenancyError("conflict", `The slug "${slug}" is already taken`);
    throw error;
  } finally {
    release(registry);
    if (separate && schemaConn) release(schemaConn);
    await invalidateTenantCache();
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new TenancyError("invalid", result.error.issues[0].message);
  return result.data;
}
