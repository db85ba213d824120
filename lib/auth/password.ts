// Password hashing with scrypt (memory-hard, in Node's standard library): `scrypt$N$r$p$salt$hash`.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";

const PARAMS = { N: 16384, r: 8, p: 1 } as const; // 16 MiB per hash
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize("NFKC"), salt, KEY_LENGTH, { ...options, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, PARAMS);
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [algorithm, n, r, p, salt, hash] = stored.split("$");
  if (algorithm !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const actual = await scrypt(password, Buffer.from(salt, "base64url"), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A password for generated accounts: 16 characters a person can still type. */
export function generatePassword(): string {
  return randomBytes(12).toString("base64url");
}

// A throwaway hash, made once on first use, to verify against when the account does not exist.
let absentAccountHash: Promise<string> | undefined;

/**
 * Verifies a password against an account's stored hash, or against a throwaway hash when there is no
 * such account, so that "no such user" and "wrong password" take equally long.
 */
export async function verifyAccountPassword(password: string, stored: string | undefined): Promise<boolean> {
  const valid = await verifyPassword(password, stored ?? (await (absentAccountHash ??= hashPassword("absent-account"))));
  return valid && stored !== undefined;
}
