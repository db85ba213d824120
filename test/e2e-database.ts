// `tsx test/e2e-database.ts`: before the e2e server starts on E2E_DATABASE_URL's server, makes the
// database DATABASE_URL names there afresh, so every run begins empty as on the embedded server.
import { assertLocalDatabase, recreateDatabase } from "./database";

const server = process.env.E2E_DATABASE_URL;
const target = process.env.DATABASE_URL;
if (!server || !target) {
  console.error("error: E2E_DATABASE_URL and DATABASE_URL must both be set");
  process.exit(2);
}
assertLocalDatabase(server);
recreateDatabase(server, new URL(target).pathname.slice(1)).catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
