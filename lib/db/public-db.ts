// The client for the shared `public` schema: tenant registry, domains, platform admins.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/public/client";
import { env } from "@/lib/env";
import { poolFor } from "@/lib/db/pools";
import { parseConnectionString } from "@/lib/db/connection-string";

export const PUBLIC_SCHEMA = "public";

const globalForDb = globalThis as unknown as { publicDb?: PrismaClient };

export function publicDb(): PrismaClient {
  if (!globalForDb.publicDb) {
    const { serverUrl } = parseConnectionString(env().DATABASE_URL);
    globalForDb.publicDb = new PrismaClient({
      adapter: new PrismaPg(poolFor(serverUrl), { schema: PUBLIC_SCHEMA }),
    });
  }
  return globalForDb.publicDb;
}

/** The default server every tenant without its own `databaseUrl` lives on. */
export function defaultServerUrl(): string {
  return parseConnectionString(env().DATABASE_URL).serverUrl;
}

/**
 * The default server without a pooler in between: DIRECT_URL, else DATABASE_URL. Only LISTEN and
 * migrations use it; every other query goes through DATABASE_URL (see docs/decisions/017-pooled-and-direct-urls.md).
 */
export function defaultDirectUrl(): string {
  const { DIRECT_URL, DATABASE_URL } = env();
  return DIRECT_URL ? parseConnectionString(DIRECT_URL).serverUrl : parseConnectionString(DATABASE_URL).directUrl;
}
