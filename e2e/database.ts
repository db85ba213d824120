// With E2E_DATABASE_URL (a server of yours, a Citus coordinator say), the e2e app's database there:
// one per E2E_PORT, made afresh by test/e2e-database.ts before the app starts. Null: the embedded server.
import { E2E_PORT } from "./http";

export function e2eDatabaseUrl(): string | null {
  const server = process.env.E2E_DATABASE_URL;
  if (!server) return null;
  const url = new URL(server);
  url.pathname = `/polls_e2e_${E2E_PORT}`;
  return url.toString();
}
