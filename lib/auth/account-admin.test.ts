import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closePools } from "@/lib/db/pools";
import { checkCredentials } from "@/lib/auth/options";
import { createApiToken, findTokenUser } from "@/lib/auth/tokens";
import { changeUserRole, createUser, setUserDisabled, setUserPassword } from "@/lib/auth/users";
import type { TenantContext } from "@/lib/tenancy/next";
import type { Tenant } from "@/lib/tenancy/registry";
import type { TenantDb } from "@/lib/tenancy/tenant-db";
import { createTestTenant, dropTestTenant } from "@/test/tenants";

describe("an admin disabling accounts and setting passwords", () => {
  const made: Tenant[] = [];
  let ctx: TenantContext;

  async function freshTenant(): Promise<{ tenant: Tenant; db: TenantDb }> {
    const t = await createTestTenant();
    made.push(t.tenant);
    return t;
  }

  beforeAll(async () => {
    const t = await freshTenant();
    ctx = { ...t, host: `${t.tenant.slug}.localhost` };
  });

  afterAll(async () => {
    for (const tenant of made) await dropTestTenant(tenant);
    await closePools();
  });

  it("a disabled account cannot sign in, its tokens are gone and refused, and re-enabling revives neither", async () => {
    const admin = await createUser(ctx.db, { username: "boss", password: "long enough", role: "admin" });
    const voter = await createUser(ctx.db, { username: "ola", password: "long enough" });
    const key = await createApiToken(ctx.db, voter.id);
    expect(await findTokenUser(ctx.db, key)).toMatchObject({ username: "ola" });
    const before = await ctx.db.user.findUniqueOrThrow({ where: { id: voter.id }, select: { sessionVersion: true } });

    expect(await setUserDisabled(ctx.db, admin.id, voter.id, true)).toEqual({ ok: true, username: "ola" });
    expect(await checkCredentials(ctx, { username: "ola", password: "long enough" })).toBeNull();
    expect(await findTokenUser(ctx.db, key)).toBeNull();
    expect(await ctx.db.apiToken.count({ where: { userId: voter.id } })).toBe(0);
    const after = await ctx.db.user.findUniqueOrThrow({ where: { id: voter.id }, select: { sessionVersion: true, disabledAt: true } });
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(after.disabledAt).toBeInstanceOf(Date);

    expect(await setUserDisabled(ctx.db, admin.id, voter.id, false)).toEqual({ ok: true, username: "ola" });
    expect(await checkCredentials(ctx, { username: "ola", password: "long enough" })).toMatchObject({ sessionVersion: after.sessionVersion });
    expect(await findTokenUser(ctx.db, key)).toBeNull();
  });

  it("a token of a disabled account is refused even if it survived (written past the app)", async () => {
    const user = await createUser(ctx.db, { username: "kept-token", password: "long enough" });
    const key = await createApiToken(ctx.db, user.id);
    await ctx.db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() }, select: { id: true } });
    expect(await findTokenUser(ctx.db, key)).toBeNull();
  });

  it("an admin cannot disable themselves nor the last enabled admin", async () => {
    const { db } = await freshTenant();
    const a = await createUser(db, { username: "admin-a", password: "long enough", role: "admin" });
    const b = await createUser(db, { username: "admin-b", password: "long enough", role: "admin" });

    expect(await setUserDisabled(db, a.id, a.id, true)).toEqual({ ok: false, code: "self" });
    expect(await setUserDisabled(db, a.id, b.id, true)).toEqual({ ok: true, username: "admin-b" });
    // b is disabled: a is the last admin who can sign in, so b (even re-enabled later) cannot take a's place now.
    expect(await setUserDisabled(db, b.id, a.id, true)).toEqual({ ok: false, code: "last_admin" });
    expect(await changeUserRole(db, a.id, "voter")).toEqual({ ok: false, code: "last_admin" });
    // Demoting the disabled admin needs no check.
    expect(await changeUserRole(db, b.id, "voter")).toEqual({ ok: true });
    expect(await setUserDisabled(db, a.id, 999_999, true)).toEqual({ ok: false, code: "not_found" });
  });

  it("two admins disabling each other at once leave one enabled admin", async () => {
    const { db } = await freshTenant();
    const a = await createUser(db, { username: "admin-a", password: "long enough", role: "admin" });
    const b = await createUser(db, { username: "admin-b", password: "long enough", role: "admin" });
    for (let round = 0; round < 5; round++) {
      await db.user.updateMany({ data: { disabledAt: null } });
      const results = await Promise.all([setUserDisabled(db, a.id, b.id, true), setUserDisabled(db, b.id, a.id, true)]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(await db.user.count({ where: { role: "admin", disabledAt: null } })).toBe(1);
    }
  });

  it("a new password from an admin ends the account's sessions and tokens, and the old password", async () => {
    const admin = await createUser(ctx.db, { username: "boss2", password: "long enough", role: "admin" });
    const voter = await createUser(ctx.db, { username: "forgetful", password: "old password" });
    const key = await createApiToken(ctx.db, voter.id);

    expect(await setUserPassword(ctx.db, admin.id, voter.id, "new password!")).toEqual({ ok: true, username: "forgetful" });
    expect(await findTokenUser(ctx.db, key)).toBeNull();
    expect(await checkCredentials(ctx, { username: "forgetful", password: "old password" })).toBeNull();
    expect(await checkCredentials(ctx, { username: "forgetful", password: "new password!" })).toMatchObject({ sessionVersion: 1 });

    expect(await setUserPassword(ctx.db, admin.id, admin.id, "new password!")).toEqual({ ok: false, code: "self" });
    await expect(setUserPassword(ctx.db, admin.id, voter.id, "short")).rejects.toThrow(/at least 8/);
  });
});
