// The app's configuration of the tenancy core, made from the environment (validated by lib/env.ts). Every
// entry point imports this module before it uses the core: instrumentation.ts and proxy.ts for the Next
// server (the configuration lives on globalThis, so the app's bundles see it too), each CLI in scripts/,
// each benchmark, and the test setup. It is read at each use, not now: `npm start` and the CLIs set
// DATABASE_URL once the embedded server is up, and tests point MIGRATIONS_ROOT at copies of prisma/.
import path from "node:path";
import { env } from "@/lib/env";
import { configureTenancy } from "@/lib/tenancy";

configureTenancy(() => {
  const { DATABASE_URL, DIRECT_URL, ROOT_DOMAIN, TRUST_PROXY, DB_POOL_MAX, TENANT_CLIENT_CACHE_SIZE } = env();
  return {
    databaseUrl: DATABASE_URL,
    directUrl: DIRECT_URL,
    poolSize: DB_POOL_MAX,
    migrationsRoot: process.env.MIGRATIONS_ROOT ?? path.join(process.cwd(), "prisma"),
    rootDomain: ROOT_DOMAIN,
    trustProxy: TRUST_PROXY === "1",
    clientCacheSize: TENANT_CLIENT_CACHE_SIZE,
  };
});
