// API tokens (`Authorization: Token <key>`, as Django REST framework; `Bearer <key>` too). The key is
// shown once, at creation; only its SHA-256 is stored, so a leaked table holds nothing usable. Tokens
// live in the tenant's schema: a key minted on thor matches no row on potter.
import { createHash, randomBytes } from "node:crypto";
import { toRole, type Role } from "@/lib/auth/users";
import type { TenantDb } from "@/lib/tenancy";

export type TokenUser = { id: number; username: string; role: Role };

/** 32 random bytes: far beyond guessing, so a fast hash (not a password hash) is the right store. */
const KEY_BYTES = 32;
const KEY_PATTERN = /^[A-Za-z0-9_-]{20,100}$/;

export function hashTokenKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** Creates a token for a user and returns its key: the only time the key exists outside the client. */
export async function createApiToken(db: TenantDb, userId: number): Promise<string> {
  const key = randomBytes(KEY_BYTES).toString("base64url");
  await db.apiToken.create({ data: { keyHash: hashTokenKey(key), userId }, select: { id: true } });
  return key;
}

/**
 * The key in an Authorization header: `{ key }` for `Token <key>` / `Bearer <key>`, null when the
 * header is absent, `{ key: null }` when it is present but not a token we could have issued.
 */
export function parseAuthorization(header: string | null): { key: string | null } | null {
  if (header === null) return null;
  const match = /^(?:Token|Bearer) +(\S+)$/i.exec(header.trim());
  const key = match?.[1];
  return { key: key && KEY_PATTERN.test(key) ? key : null };
}

/** The user a key belongs to in this tenant, or null. */
export async function findTokenUser(db: TenantDb, key: string): Promise<TokenUser | null> {
  const token = await db.apiToken.findUnique({
    where: { keyHash: hashTokenKey(key) },
    select: { user: { select: { id: true, username: true, role: true, disabledAt: true } } },
  });
  // A disabled account's tokens are refused (they are also deleted when it is disabled).
  if (!token || token.user.disabledAt) return null;
  const { user } = token;
  return { id: user.id, username: user.username, role: toRole(user.role) };
}
