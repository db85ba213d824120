// The client for the shared `public` schema: tenant registry, domains, platform admins.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/public/client";
import { databaseConfig } from "@/lib/db/config";
import { poolFor } from "@/lib/db/pools";
import { parseConnectionString } from "@/lib/db/connection-string";

export const PUBLIC_SCHEMA = "public";

const globalForDb = globalThis as unknown as { publicDb?: PrismaClient };

export function publicDb(): PrismaClient {
  if (!globalForDb.publicDb) {
    const { serverUrl } = parseConnectionString(databaseConfig().databaseUrl);
    globalForDb.publicDb = new PrismaClient({
      adapter: new PrismaPg(poolFor(serverUrl), { schema: PUBLIC_SCHEMA }),
    });
  }
  return globalForDb.publicDb;
}

/** The default server every tenant without its own `databaseUrl` lives on. */
export function defaultServerUrl(): string {
  return parseConnectionString(databaseConfig().databaseUrl).serverUrl;
}

/**
 * The default server without a pooler in between: the configured directUrl, else databaseUrl. Only LISTEN and
 * migrations use it; every other query goes through DATABASE_URL (see docs/decisions/017-pooled-and-direct-urls.md).
 */
export function defaultDirectUrl(): string {
  const { directUrl, databaseUrl } = databaseConfig();
  return directUrl ? parseConnectionString(directUrl).serverUrl : parseConnectionString(databaseUrl).directUrl;
}
