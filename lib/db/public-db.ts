// The client for the shared `public` schema: tenant registry, domains, platform admins.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/public/client";
import { env } from "@/lib/env";
import { poolFor } from "@/lib/db/pools";
import { parseConnectionString } from "@/lib/tenancy/connection-string";

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
