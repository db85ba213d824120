// The shared client fails closed: no tenant, a foreign tenant inside a transaction, a placeholder
// schema that exists, or a Prisma whose batcher moved are refusals, never another tenant's rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { closePools, poolFor } from "@/lib/db/pools";
import { defaultServerUrl } from "@/lib/db/public-db";
import type { Tenant } from "@/lib/tenancy/registry";
import { tenantAdapter } from "@/lib/tenancy/tenant-adapter";
import { keyBatchingByTenant } from "@/lib/tenancy/tenant-batcher";
import { serverClientCount, tenantDb, type TenantDb } from "@/lib/tenancy/tenant-db";
import { bindSql, PLACEHOLDER_SCHEMA, runAsTenant, TenantScopeError, tenantScope } from "@/lib/tenancy/tenant-scope";
import { slugSchema } from "@/lib/tenancy/schema-name";
import { createTestTenant, dropTestTenant } from "@/test/tenants";
import { createScratchDatabase } from "@/test/database";

const pollQuestions = { sql: `SELECT question FROM "${PLACEHOLDER_SCHEMA}"."Poll" ORDER BY id`, args: [], argTypes: [] };

describe("the placeholder schema", () => {
  it("can never be a tenant's slug", () => {
    expect(slugSchema.safeParse(PLACEHOLDER_SCHEMA).success).toBe(false);
  });

  it("is replaced by the tenant's quoted schema wherever Prisma names it, and nowhere else", () => {
    const sql = `SELECT "t0"."id" FROM "__tenant__"."Poll" AS "t0" JOIN "__tenant__"."Choice" ON true WHERE "t0"."question" = $1`;
    expect(bindSql(sql, tenantScope("thor"))).toBe(`SELECT "t0"."id" FROM "thor"."Poll" AS "t0" JOIN "thor"."Choice" ON true WHERE "t0"."question" = $1`);
  });
});

describe("a server's shared client", () => {
  const sides: { tenant: Tenant; db: TenantDb }[] = [];

  beforeAll(async () => {
    for (const name of ["alpha", "beta"]) {
      const { tenant, db } = await createTestTenant();
      const admin = await createUser(db, { username: `${name}-admin`, password: "correct horse", role: "admin" });
      await db.poll.create({ data: { question: `${name} question`, createdById: admin.id }, select: { id: true } });
      sides.push({ tenant, db });
    }
  });

  afterAll(async () => {
    for (const { tenant } of sides) await dropTestTenant(tenant);
    await closePools();
  });

  it("is one client for every tenant on the server, each tenant's binding to it reused", async () => {
    for (let i = 0; i < 100; i++) tenantDb({ slug: `many_${i}`, databaseUrl: null });
    expect(serverClientCount()).toBe(1);
    expect(tenantDb(sides[0].tenant)).toBe(sides[0].db);
  });

  it("answers a promise made for one tenant from that tenant, wherever it is awaited", async () => {
    const [alpha, beta] = sides;
    const pending = alpha.db.poll.findMany({ select: { question: true } });
    const answered = await runAsTenant(tenantScope(beta.tenant.slug), async () => await pending);
    expect(answered).toEqual([{ question: "alpha question" }]);
  });

  it("keeps a client extended from a tenant's (as the request guards are) in that tenant, transactions included", async () => {
    const [alpha] = sides;
    const extended = alpha.db.$extends({ query: { $allOperations: ({ args, query }) => query(args) } });
    expect(await extended.poll.findMany({ select: { question: true } })).toEqual([{ question: "alpha question" }]);
    expect(await extended.$transaction((tx) => tx.poll.findMany({ select: { question: true } }))).toEqual([{ question: "alpha question" }]);
  });

  it("refuses a statement outside any tenant's context", async () => {
    const adapter = await tenantAdapter(poolFor(defaultServerUrl())).connect();
    await expect(adapter.queryRaw(pollQuestions)).rejects.toThrow(TenantScopeError);
    const [alpha] = sides;
    const inside = await runAsTenant(tenantScope(alpha.tenant.slug), () => adapter.queryRaw(pollQuestions));
    expect(inside.rows).toEqual([["alpha question"]]);
    await adapter.dispose();
  });

  it("refuses another tenant's statement inside a tenant's transaction", async () => {
    const [alpha, beta] = sides;
    const adapter = await tenantAdapter(poolFor(defaultServerUrl())).connect();
    const transaction = await runAsTenant(tenantScope(alpha.tenant.slug), () => adapter.startTransaction());
    try {
      await expect(runAsTenant(tenantScope(beta.tenant.slug), () => transaction.queryRaw(pollQuestions))).rejects.toThrow(
        /tenant "t_\w+" ran inside a transaction of tenant "t_\w+"/,
      );
      const own = await runAsTenant(tenantScope(alpha.tenant.slug), () => transaction.queryRaw(pollQuestions));
      expect(own.rows).toEqual([["alpha question"]]);
    } finally {
      await transaction.rollback();
      await adapter.dispose();
    }
  });

  it("refuses to serve tenants on a server where a schema named like the placeholder exists", async () => {
    const scratch = await createScratchDatabase(process.env.TEST_SERVER_URL!, "polls_placeholder");
    try {
      // A real "__tenant__" schema would turn a statement that escaped the binding into a successful read.
      await poolFor(scratch.url).query(`CREATE SCHEMA "${PLACEHOLDER_SCHEMA}"; CREATE TABLE "${PLACEHOLDER_SCHEMA}"."Poll" (id int, question text)`);
      const db = tenantDb({ slug: "thor", databaseUrl: scratch.url });
      await expect(db.poll.findMany({ select: { question: true } })).rejects.toThrow(/A schema named "__tenant__" exists on this server/);
    } finally {
      await closePools();
      await scratch.drop();
    }
  });
});

describe("the batcher keying", () => {
  it("refuses a Prisma client whose batcher is not where it is expected, naming the version", () => {
    expect(() => keyBatchingByTenant({ _requestHandler: {} })).toThrow(/^Prisma 7\.\d+\.\d+: the client's request batcher/);
  });
});
