// A tenant's binding: `<server url>?schema=<slug>`, as Prisma's own tooling spells it.
// Prisma 7's pg adapter ignores `?schema=`, so the app splits the string: the server part picks the
// shared pool, the schema part goes to `new PrismaPg(pool, { schema })`.

export type TenantBinding = { serverUrl: string; schema: string };

export function tenantConnectionString(serverUrl: string, schema: string): string {
  const url = new URL(serverUrl);
  url.searchParams.set("schema", schema);
  return url.toString();
}

/** Splits a connection string into its server (every query parameter but `schema`) and its schema. */
export function parseConnectionString(connectionString: string): TenantBinding {
  const url = new URL(connectionString);
  const schema = url.searchParams.get("schema") ?? "public";
  url.searchParams.delete("schema");
  return { serverUrl: url.toString(), schema };
}
