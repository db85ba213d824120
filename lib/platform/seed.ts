// The first platform admin, made by `npm start` on first run (when there is none) and printed with the
// demo credentials. Kept apart from scripts/start.ts so the start script only calls two functions.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { generatePassword } from "@/lib/auth/password";
import { countPlatformAdmins, createPlatformAdmin } from "@/lib/platform/admins";

export type PlatformCredential = { username: string; password: string };

const USERNAME = "admin";

/**
 * Creates `admin` when no platform admin exists yet and records its password in `file` (this database's:
 * `credentialsFile` in lib/db/local-server.ts); otherwise does nothing.
 */
export async function seedPlatformAdmin(file: string, password = generatePassword()): Promise<PlatformCredential | null> {
  if ((await countPlatformAdmins()) > 0) return null;
  const admin = await createPlatformAdmin({ username: USERNAME, password });
  const credential = { username: admin.username, password };
  writeFileSync(file, JSON.stringify(credential, null, 2), { mode: 0o600 });
  return credential;
}

/** Banner lines for the platform admin `npm start` made in this database, if it made one. */
export function platformCredentialLines(file: string, platformOrigin: string): string[] {
  if (!existsSync(file)) return [];
  const credential = JSON.parse(readFileSync(file, "utf8")) as PlatformCredential;
  return ["", `platform admin (sign in at ${platformOrigin}/admin; kept in ${file}):`, `  ${credential.username} / ${credential.password}`];
}
