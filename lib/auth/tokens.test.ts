import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken, findTokenUser, hashTokenKey, parseAuthorization } from "@/lib/auth/tokens";
import { createUser } from "@/lib/auth/users";
import { closePools } from "@/lib/db/pools";
import type { Tenant } from "@/lib/tenancy/registry";
import type { TenantDb } from "@/lib/tenancy/tenant-db";
import { createTestTenant, dropTestTenant } from "@/test/tenants";

describe("parseAuthorization", () => {
  const key = "a".repeat(43);

  it("reads DRF's Token scheme and Bearer, in any case", () => {
    expect(parseAuthorization(`Token ${key}`)).toEqual({ key });
    expect(parseAuthorization(`bearer ${key}`)).toEqual({ key });
    expect(parseAuthorization(null)).toBeNull();
  });

  it("reports a present but unusable header as a key of null (a 401, not anonymous)", () => {
    for (const header of ["", "Token", `Basic ${key}`, `Token ${key} extra`, "Token short", `Token ${"é".repeat(30)}`]) {
      expect(parseAuthorization(header)).toEqual({ key: null });
    }
  });
});

describe("API tokens", () => {
  const tenants: { tenant: Tenant; db: TenantDb; userId: number }[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const { tenant, db } = await createTestTenant();
      const user = await createUser(db, { username: "admin", password: "correct horse", role: i === 0 ? "admin" : "voter" });
      tenants.push({ tenant, db, userId: user.id });
    }
  });

  afterAll(async () => {
    for (const { tenant } of tenants) await dropTestTenant(tenant);
    await closePools();
  });

  it("stores only the key's SHA-256 and finds the user by the key", async () => {
    const [a] = tenants;
    const key = await createApiToken(a.db, a.userId);
    const rows = await a.db.apiToken.findMany({ where: { userId: a.userId }, select: { keyHash: true } });
    expect(rows).toEqual([{ keyHash: createHash("sha256").update(key).digest("hex") }]);
    expect(rows[0].keyHash).not.toContain(key);
    expect(parseAuthorization(`Token ${key}`)).toEqual({ key });
    expect(await findTokenUser(a.db, key)).toEqual({ id: a.userId, username: "admin", role: "admin" });
  });

  it("issues a different key each time", async () => {
    const [a] = tenants;
    const keys = await Promise.all([createApiToken(a.db, a.userId), createApiToken(a.db, a.userId)]);
    expect(new Set(keys).size).toBe(2);
    expect(hashTokenKey(keys[0])).not.toBe(hashTokenKey(keys[1]));
  });

  it("is unknown on another tenant, even where a user with the same id and name exists", async () => {
    const [a, b] = tenants;
    expect(a.userId).toBe(b.userId);
    const key = await createApiToken(a.db, a.userId);
    expect(await findTokenUser(b.db, key)).toBeNull();
    expect(await findTokenUser(a.db, key.slice(0, -1) + (key.endsWith("A") ? "B" : "A"))).toBeNull();
  });
});
