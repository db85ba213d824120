// A tenant's binding: `<server url>?schema=<slug>`, as Prisma's own tooling spells it.
// Prisma 7's pg adapter ignores `?schema=`, so the app splits the string: the server part picks the
// shared pool, the schema part goes to `new PrismaPg(pool, { schema })`.

// A tenant on a server of its own behind PgBouncer names the direct server in a `direct` parameter:
// `postgresql://bouncer:6543/polls?direct=postgresql%3A%2F%2Fdb2%3A5432%2Fpolls`.

/** `directUrl`: the server without a pooler in between (LISTEN, migrations); `serverUrl` when none is named. */
export type TenantBinding = { serverUrl: string; schema: string; directUrl: string };

export function tenantConnectionString(serverUrl: string, schema: string): string {
  const url = new URL(serverUrl);
  url.searchParams.set("schema", schema);
  return url.toString();
}

/**
 * Splits a connection string into its server (every query parameter but `schema` and `direct`), its
 * schema and its direct server.
 */
export function parseConnectionString(connectionString: string): TenantBinding {
  const url = new URL(connectionString);
  const schema = url.searchParams.get("schema") ?? "public";
  const direct = url.searchParams.get("direct");
  url.searchParams.delete("schema");
  url.searchParams.delete("direct");
  const serverUrl = url.toString();
  return { serverUrl, schema, directUrl: direct ? parseConnectionString(direct).serverUrl : serverUrl };
}
