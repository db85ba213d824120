// Cloning a tenant: a new tenant on the source's server whose schema is made by the migrations (so its
// `_prisma_migrations` is its own and right) and then filled with the source's rows, table by table in
// foreign-key order, in ONE repeatable-read transaction: the copy is one consistent snapshot of the
// source, and a failure leaves nothing. Sequences continue where the source's stand. The clone has its
// own registry row, with the source's branding (a copy looks like what it copies), and none of its domains.
import { applyMigrationsInTransaction } from "@/lib/db/migrations";
import { tenantMigrations } from "@/lib/tenancy/migrate";
import { TenancyError } from "@/lib/tenancy/errors";
import { findTenantBySlug, type Tenant } from "@/lib/tenancy/registry";
import { createTenant } from "@/lib/tenancy/provision";
import { columnList, qualified, readSequences, readTables, requireMigratedAsCode, restoreSequences } from "@/lib/tenancy/portability/tables";

export type CloneOptions = { name?: string; schemaOnly?: boolean };

export async function cloneTenant(sourceSlug: string, slug: string, options: CloneOptions = {}): Promise<Tenant> {
  const source = await findTenantBySlug(sourceSlug);
  if (!source) throw new TenancyError("not_found", `No tenant "${sourceSlug}"`);
  return createTenant(
    { slug, name: options.name ?? `${source.name} (copy)`, databaseUrl: source.databaseUrl ?? undefined },
    {
      snapshot: true,
      branding: { description: source.description, accentColor: source.accentColor, logoUrl: source.logoUrl },
      build: async (client) => {
        await requireMigratedAsCode(client, source.slug);
        await applyMigrationsInTransaction(client, slug, tenantMigrations());
        if (options.schemaOnly) return;
        for (const table of await readTables(client, source.slug)) {
          const columns = columnList(table);
          await client.query(`INSERT INTO ${qualified(slug, table.name)} (${columns}) SELECT ${columns} FROM ${qualified(source.slug, table.name)}`);
        }
        await restoreSequences(client, slug, await readSequences(client, source.slug));
      },
    },
  );
}
