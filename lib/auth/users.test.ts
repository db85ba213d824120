import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closePools } from "@/lib/db/pools";
import { changeUserRole, createUser, listUsers, signUpUser } from "@/lib/auth/users";
import type { Tenant } from "@/lib/tenancy/registry";
import type { TenantDb } from "@/lib/tenancy/tenant-db";
import { createTestTenant, dropTestTenant } from "@/test/tenants";

describe("tenant users", () => {
  const made: Tenant[] = [];
  let db: TenantDb;

  async function freshTenant() {
    const t = await createTestTenant();
    made.push(t.tenant);
    return t.db;
  }

  beforeAll(async () => {
    db = await freshTenant();
  });

  afterAll(async () => {
    for (const tenant of made) await dropTestTenant(tenant);
    await closePools();
  });

  it("signUpUser makes a voter and reports a taken username", async () => {
    const first = await signUpUser(db, { username: "newbie", email: "", password: "long enough" });
    expect(first.ok && first.user.role).toBe("voter");
    expect(await signUpUser(db, { username: "newbie", email: "", password: "another one" })).toEqual({ ok: false, code: "username_taken" });
  });

  it("changeUserRole never demotes the last admin", async () => {
    const tenantDb = await freshTenant();
    const admin = await createUser(tenantDb, { username: "only-admin", password: "long enough", role: "admin" });
    const voter = await createUser(tenantDb, { username: "voter", password: "long enough" });

    expect(await changeUserRole(tenantDb, admin.id, "voter")).toEqual({ ok: false, code: "last_admin" });
    expect(await changeUserRole(tenantDb, voter.id, "admin")).toEqual({ ok: true });
    expect(await changeUserRole(tenantDb, admin.id, "voter")).toEqual({ ok: true });
    expect(await changeUserRole(tenantDb, voter.id, "voter")).toEqual({ ok: false, code: "last_admin" });
    expect(await changeUserRole(tenantDb, 999_999, "admin")).toEqual({ ok: false, code: "not_found" });
  });

  it("changeUserRole leaves one admin when two admins demote each other at once", async () => {
    const tenantDb = await freshTenant();
    const a = await createUser(tenantDb, { username: "admin-a", password: "long enough", role: "admin" });
    const b = await createUser(tenantDb, { username: "admin-b", password: "long enough", role: "admin" });

    // Several rounds: a lost race does not show on every run.
    for (let round = 0; round < 10; round++) {
      await tenantDb.user.updateMany({ data: { role: "admin" } });
      const results = await Promise.all([changeUserRole(tenantDb, a.id, "voter"), changeUserRole(tenantDb, b.id, "voter")]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, code: "last_admin" }]);
      expect(await tenantDb.user.count({ where: { role: "admin" } })).toBe(1);
    }
  });

  it("listUsers pages through users newest first, and searches", async () => {
    const tenantDb = await freshTenant();
    for (const name of ["user1", "user2", "user3"]) await createUser(tenantDb, { username: name, password: "long enough" });
    const second = await listUsers(tenantDb, { page: 2, pageSize: 2 });
    expect(second.count).toBe(3);
    expect(second.users.map((u) => u.username)).toEqual(["user1"]);
    const found = await listUsers(tenantDb, { page: 1, pageSize: 2 }, "ER2");
    expect(found).toMatchObject({ count: 1, users: [{ username: "user2" }] });
  });
});
