// The first platform admin, made by `npm start` on first run (when there is none) and printed with the
// demo credentials. Kept apart from scripts/start.ts so the start script only calls two functions.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generatePassword } from "@/lib/auth/password";
import { countPlatformAdmins, createPlatformAdmin } from "@/lib/platform/admins";

export type PlatformCredential = { username: string; password: string };

const USERNAME = "admin";
const CREDENTIALS_FILE = "platform-credentials.json";

/** Creates `admin` when no platform admin exists yet and records its password in `dataDir`; otherwise does nothing. */
export async function seedPlatformAdmin(dataDir: string, password = generatePassword()): Promise<PlatformCredential | null> {
  if ((await countPlatformAdmins()) > 0) return null;
  const admin = await createPlatformAdmin({ username: USERNAME, password });
  const credential = { username: admin.username, password };
  writeFileSync(path.join(dataDir, CREDENTIALS_FILE), JSON.stringify(credential, null, 2), { mode: 0o600 });
  return credential;
}

/** Banner lines for the seeded platform admin, if `npm start` made one in this data directory. */
export function platformCredentialLines(dataDir: string, platformOrigin: string): string[] {
  const file = path.join(dataDir, CREDENTIALS_FILE);
  if (!existsSync(file)) return [];
  const credential = JSON.parse(readFileSync(file, "utf8")) as PlatformCredential;
  return ["", `platform admin (sign in at ${platformOrigin}/admin):`, `  ${credential.username} / ${credential.password}`];
}
