// Creating a tenant whose schema is built by the caller (a clone's copy, an import's load) with the same
// all-or-nothing rule as createTenant, through the core's inTransactionAcross: registry row and schema in
// one transaction when they share a server; on another server the schema commits first and is dropped
// again if the registry's commit then fails.
import type pg from "pg";
import { z } from "zod";
import { CompensationError, inTransactionAcross, poolFor } from "@/lib/db/pools";
import { messageOf } from "@/lib/db/errors";
import { quoteIdent } from "@/lib/db/quote-ident";
import { redact } from "@/lib/db/redact";
import { TenancyError } from "@/lib/tenancy/errors";
import { invalidateTenantCache, type Tenant } from "@/lib/tenancy/registry";
import { slugSchema } from "@/lib/tenancy/schema-name";
import { registryPool, tenantServerUrl } from "@/lib/tenancy/servers";

export type NewTenant = { slug: string; name: string; databaseUrl: string | null };
/** Builds the new schema (named `slug`) on `client`, inside the open transaction. */
export type SchemaBuilder = (client: pg.PoolClient, slug: string) => Promise<void>;

const nameSchema = z.string().trim().min(1, "Name is required").max(100, "Name must be at most 100 characters");

/** `snapshot`: the build reads other schemas (a clone) and must see them as of one moment. */
export async function provisionTenantWith(input: NewTenant, build: SchemaBuilder, options: { snapshot?: boolean } = {}): Promise<Tenant> {
  const slug = parse(slugSchema, input.slug);
  const name = parse(nameSchema, input.name);
  const schemaServer = tenantServerUrl(input);
  try {
    return await inTransactionAcross(
      registryPool(),
      poolFor(schemaServer),
      async (registry, onSchemaServer) => {
        // Before any other statement of the transaction, or PostgreSQL refuses it.
        if (options.snapshot) await onSchemaServer.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        const { rows } = await registry.query<Tenant>(
          `INSERT INTO public."Tenant" (slug, name, "databaseUrl") VALUES ($1, $2, $3) RETURNING id, slug, name, "databaseUrl"`,
          [slug, name, input.databaseUrl],
        );
        const taken = await onSchemaServer.query("SELECT 1 FROM pg_namespace WHERE lower(nspname) = lower($1)", [slug]);
        if (taken.rowCount) throw new TenancyError("conflict", `A schema named "${slug}" already exists`);
        await build(onSchemaServer, slug);
        return rows[0];
      },
      async (onSchemaServer) => void (await onSchemaServer.query(`DROP SCHEMA IF EXISTS ${quoteIdent(slug)} CASCADE`)),
    );
  } catch (error) {
    if (error instanceof CompensationError) {
      throw new Error(
        `${slug} was not created (${messageOf(error.cause)}), and its schema on ${redact(schemaServer)} could not be dropped ` +
          `(${messageOf(error.undoCause)}): drop schema "${slug}" there before using ${slug} again`,
      );
    }
    if ((error as { code?: string }).code === "23505") throw new TenancyError("conflict", `The slug "${slug}" is already taken`);
    throw error;
  } finally {
    await invalidateTenantCache();
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new TenancyError("invalid", result.error.issues[0].message);
  return result.data;
}
