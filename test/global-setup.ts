// Vitest global set-up: one PostgreSQL server (embedded, or TEST_DATABASE_URL's, maybe a PgBouncer with
// TEST_DIRECT_URL the server behind it), one fresh database for the run with the shared schema migrated. Each test file then makes its own tenants.
import "@/lib/config";
import { closePools } from "@/lib/db/pools";
import { migrateShared } from "@/lib/tenancy/migrate";
import { createScratchDatabase, startTestServer } from "./database";

export default async function setup() {
  const server = await startTestServer();
  const database = await createScratchDatabase(server.url, "polls_test", server.directUrl);
  process.env.DATABASE_URL = database.url;
  process.env.DIRECT_URL = database.directUrl;
  process.env.TEST_SERVER_URL = server.url;
  process.env.TEST_DIRECT_SERVER_URL = server.directUrl;
  await migrateShared();
  await closePools();
  const direct = database.directUrl === database.url ? "" : ` (direct: ${new URL(database.directUrl).host})`;
  console.log(`[test] database ${new URL(database.url).host}${new URL(database.url).pathname}${direct}`);

  return async () => {
    await database.drop();
    await server.stop();
  };
}
