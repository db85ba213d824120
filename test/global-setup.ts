// Vitest global set-up: one PostgreSQL server (embedded, or TEST_DATABASE_URL's), one fresh database
// for the run with the shared schema migrated. Each test file then makes its own tenants.
import { closePools } from "@/lib/db/pools";
import { migrateShared } from "@/lib/tenancy/migrate";
import { createScratchDatabase, startTestServer } from "./database";

export default async function setup() {
  const server = await startTestServer();
  const database = await createScratchDatabase(server.url);
  process.env.DATABASE_URL = database.url;
  process.env.TEST_SERVER_URL = server.url;
  await migrateShared();
  await closePools();
  console.log(`[test] database ${new URL(database.url).host}${new URL(database.url).pathname}`);

  return async () => {
    await database.drop();
    await server.stop();
  };
}
