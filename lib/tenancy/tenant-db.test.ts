import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closePools, openPools, poolFor } from "@/lib/db/pools";
import { defaultServerUrl } from "@/lib/db/public-db";
import { createUser } from "@/lib/auth/users";
import { createPoll } from "@/lib/polls/mutations";
import type { Tenant } from "@/lib/tenancy/registry";
import { tenantDb, type TenantDb } from "@/lib/tenancy/tenant-db";
import { createTestTenant, dropTestTenant } from "@/test/tenants";

describe("tenant-bound clients on one shared pool", () => {
  const tenants: { tenant: Tenant; db: TenantDb; userId: number }[] = [];

  beforeAll(async () => {
    for (const name of ["alpha", "beta"]) {
      const { tenant, db } = await createTestTenant();
      const user = await createUser(db, { username: `${name}-admin`, password: "correct horse", role: "admin" });
      tenants.push({ tenant, db, userId: user.id });
    }
  });

  afterAll(async () => {
    for (const { tenant } of tenants) await dropTestTenant(tenant);
    await closePools();
  });

  it("share one pg.Pool for the server", () => {
    expect(openPools().size).toBe(1);
    expect(openPools().get(defaultServerUrl())).toBe(poolFor(defaultServerUrl()));
  });

  it("return only their own rows under 1,000 concurrent mixed operations", async () => {
    const [a, b] = tenants;
    const operations = Array.from({ length: 1000 }, (_, i) => {
      const side = i % 2 === 0 ? a : b;
      const tag = side === a ? "alpha" : "beta";
      if (i % 4 < 2) return createPoll(side.db, side.userId, { question: `${tag} question ${i}`, choices: [`${tag} yes`, `${tag} no`] });
      return side.db.poll
        .findMany({ select: { question: true, choices: { select: { choiceText: true } } } })
        .then((polls) => ({ tag, polls }));
    });
    const results = await Promise.all(operations);

    for (const result of results) {
      if (!("tag" in result)) continue;
      for (const poll of result.polls) {
        expect(poll.question.startsWith(result.tag)).toBe(true);
        for (const choice of poll.choices) expect(choice.choiceText.startsWith(result.tag)).toBe(true);
      }
    }
    const [alphaPolls, betaPolls] = await Promise.all([a.db.poll.findMany({ select: { question: true } }), b.db.poll.findMany({ select: { question: true } })]);
    expect(alphaPolls).toHaveLength(250);
    expect(betaPolls).toHaveLength(250);
    expect(alphaPolls.every((p) => p.question.startsWith("alpha"))).toBe(true);
    expect(betaPolls.every((p) => p.question.startsWith("beta"))).toBe(true);
    // The same user id exists in both schemas, as separate people.
    expect(await a.db.user.findMany({ select: { username: true } })).toEqual([{ username: "alpha-admin" }]);
  });

  it("keep connections within the pool's max while 200 tenant clients query at once", async () => {
    const pool = poolFor(defaultServerUrl());
    const max = pool.options.max!;
    // 200 distinct tenant bindings on one server: the clients differ only in the schema they qualify with.
    const clients = Array.from({ length: 200 }, (_, i) => tenantDb({ slug: tenants[i % 2].tenant.slug + (i < 2 ? "" : ""), databaseUrl: null }));
    const distinct = Array.from({ length: 200 }, (_, i) => tenantDb({ slug: `ghost_${i}`, databaseUrl: null }));
    let peak = 0;
    const sample = setInterval(() => {
      peak = Math.max(peak, pool.totalCount);
    }, 2);
    const database = new URL(process.env.DATABASE_URL!).pathname.slice(1);
    const observer = await poolFor(defaultServerUrl()).connect();
    observer.release();
    await Promise.all([
      ...clients.map((db) => db.poll.count()),
      ...distinct.map((db) => db.poll.count().catch(() => 0)),
    ]);
    clearInterval(sample);
    const { rows } = await pool.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1", [database]);
    expect(Number(rows[0].n)).toBeLessThanOrEqual(max);
    expect(peak).toBeLessThanOrEqual(max);
    expect(peak).toBeGreaterThan(1);
  });
});
