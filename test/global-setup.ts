// Vitest global set-up: one PostgreSQL server (embedded, or TEST_DATABASE_URL's, maybe a PgBouncer with
// TEST_DIRECT_URL the server behind it), and one fresh database per Vitest worker with the shared schema
// migrated (test/worker-database.ts points each worker at its own). Each test file then makes its own tenants.
import pg from "pg";
import type { TestProject } from "vitest/node";
import { createScratchDatabase, startTestServer, type TestDatabase } from "./database";
import { migrateSharedSchema } from "./scratch-registry";

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's databases, one per worker: a worker uses the one at VITEST_POOL_ID - 1. */
    testDatabases: TestDatabase[];
  }
}

export default async function setup(project: TestProject) {
  const server = await startTestServer();
  process.env.TEST_SERVER_URL = server.url;
  process.env.TEST_DIRECT_SERVER_URL = server.directUrl;
  const databases: Awaited<ReturnType<typeof createScratchDatabase>>[] = [];
  for (let worker = 1; worker <= project.config.maxWorkers; worker++) {
    const database = await createScratchDatabase(server.url, `polls_test_w${worker}`, server.directUrl);
    databases.push(database);
    const pool = new pg.Pool({ connectionString: database.directUrl, max: 1 });
    await migrateSharedSchema(pool).finally(() => pool.end());
  }
  project.provide("testDatabases", databases.map(({ url, directUrl }) => ({ url, directUrl })));
  const direct = server.directUrl === server.url ? "" : ` (direct: ${new URL(server.directUrl).host})`;
  console.log(`[test] ${databases.length} database(s) on ${new URL(databases[0].url).host}, one per worker${direct}`);

  return async () => {
    for (const database of databases) await database.drop();
    await server.stop();
  };
}
