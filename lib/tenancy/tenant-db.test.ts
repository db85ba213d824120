import pg from "pg";
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

  it("send each tenant's queries through the server's one pg.Pool", async () => {
    expect([...openPools().keys()]).toEqual([defaultServerUrl()]);
    const pool = openPools().get(defaultServerUrl())!;
    let checkouts = 0;
    const counted = () => void checkouts++;
    pool.on("acquire", counted);
    try {
      for (const { tenant, db } of tenants) {
        const before = checkouts;
        expect(await db.poll.count(), tenant.slug).toBe(0);
        expect(checkouts - before, `${tenant.slug}'s query took no connection from the shared pool`).toBeGreaterThan(0);
      }
    } finally {
      pool.off("acquire", counted);
    }
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

  it("keep PostgreSQL connections within the pool's max while 200 tenant clients query at once", async () => {
    const made: Tenant[] = [];
    for (let batch = 0; batch < 200; batch += 10) {
      made.push(...(await Promise.all(Array.from({ length: 10 }, () => createTestTenant().then((t) => t.tenant)))));
    }
    const max = poolFor(defaultServerUrl()).options.max!;
    const database = new URL(process.env.DATABASE_URL!).pathname.slice(1);
    // An observer outside the pool samples the server's own view of connections to this database.
    const observer = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await observer.connect();
    let peak = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const { rows } = await observer.query<{ n: string }>(
          // Citus's own backends (its maintenance daemon, coordinator-to-worker links) are not the app's.
          `SELECT count(*) AS n FROM pg_stat_activity
            WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND application_name NOT LIKE 'citus\\_internal%'`,
          [database],
        );
        peak = Math.max(peak, Number(rows[0].n));
      }
    })();

    const counts = await Promise.all(made.flatMap((tenant) => [tenantDb(tenant).poll.count(), tenantDb(tenant).user.count()]));
    sampling = false;
    await sampler;
    await observer.end();

    expect(counts.every((n) => n === 0)).toBe(true);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(max);
    await Promise.all(made.map(dropTestTenant));
  });
});
