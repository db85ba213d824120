// Vitest set-up file, run in every worker before the test file: points DATABASE_URL and DIRECT_URL at the
// worker's own database (made by test/global-setup.ts), so test files that run at the same time never
// share a registry, and a file that counts the connections to its database counts only its own.
import { inject } from "vitest";

const database = inject("testDatabases")[Number(process.env.VITEST_POOL_ID ?? 1) - 1];
if (!database) throw new Error(`No test database for Vitest worker ${process.env.VITEST_POOL_ID}`);
process.env.DATABASE_URL = database.url;
process.env.DIRECT_URL = database.directUrl;
