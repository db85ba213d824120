// On a Citus coordinator only (`npm run test:citus` starts one): tenants become distributed schemas,
// stay apart on different workers, and keep every row when moved. Elsewhere these skip, saying why.
import { afterAll, describe, expect, it } from "vitest";
import { closePools, poolFor } from "@/lib/db/pools";
import { defaultServerUrl } from "@/lib/db/public-db";
import { quoteIdent } from "@/lib/tenancy/schema-name";
import type { TenantDb } from "@/lib/tenancy/tenant-db";
import { expectOneLineError, runCli } from "@/test/cli";
import { createTestTenant, dropTestTenant } from "@/test/tenants";
import { formatNode, isCitus, moveSchema, placementNodes, schemaNodes, type CitusNode } from "./citus";

const pool = () => poolFor(defaultServerUrl());
const citus = await isCitus(pool());
if (!citus) console.warn("[citus.test] skipped: the test server is not a Citus coordinator (npm run test:citus runs these)");

afterAll(() => closePools());

/** A few users, polls, choices and votes, so that a lost or altered row shows in a table's checksum. */
async function seed(db: TenantDb, label: string): Promise<void> {
  const users = await Promise.all(
    [1, 2, 3].map((i) => db.user.create({ data: { username: `${label}_u${i}`, passwordHash: "x" }, select: { id: true } })),
  );
  for (let p = 1; p <= 4; p++) {
    const poll = await db.poll.create({
      data: { question: `${label} question ${p}?`, createdById: users[0].id, choices: { create: [{ choiceText: "yes" }, { choiceText: "no" }] } },
      select: { id: true, choices: { select: { id: true } } },
    });
    for (const [i, user] of users.entries()) {
      await db.vote.create({ data: { pollId: poll.id, choiceId: poll.choices[i % 2].id, votedById: user.id }, select: { id: true } });
    }
  }
}

/** Per table of the schema: its row count and an md5 over all its rows in a fixed order. */
async function tableSums(schema: string): Promise<Record<string, { rows: number; md5: string }>> {
  const { rows: tables } = await pool().query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = $1 ORDER BY 1", [schema]);
  const sums: Record<string, { rows: number; md5: string }> = {};
  for (const { name } of tables) {
    const { rows } = await pool().query<{ rows: number; md5: string }>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5
         FROM ${quoteIdent(schema)}.${quoteIdent(name)} t`,
    );
    sums[name] = rows[0];
  }
  return sums;
}

async function nodeOf(schema: string): Promise<CitusNode | undefined> {
  return (await schemaNodes(pool(), [schema])).get(schema);
}

/** Another node than `node` that can hold tenants. */
async function otherNode(node: CitusNode): Promise<CitusNode> {
  const other = (await placementNodes(pool())).find((n) => formatNode(n) !== formatNode(node));
  if (!other) throw new Error("the cluster needs two workers");
  return other;
}

describe.skipIf(!citus)("on a Citus cluster", () => {
  it("provisions a tenant as a distributed schema on a worker", async () => {
    const { tenant } = await createTestTenant();
    const { rows } = await pool().query("SELECT schema_name::text AS schema FROM citus_schemas WHERE schema_name::text = $1", [tenant.slug]);
    expect(rows).toEqual([{ schema: tenant.slug }]);
    const workers = (await placementNodes(pool())).map(formatNode);
    expect(workers).toContain(formatNode((await nodeOf(tenant.slug))!));
    await dropTestTenant(tenant);
  });

  it("keeps two tenants on different workers apart", async () => {
    const [a, b] = [await createTestTenant(), await createTestTenant()];
    const nodeA = (await nodeOf(a.tenant.slug))!;
    if (formatNode((await nodeOf(b.tenant.slug))!) === formatNode(nodeA)) await moveSchema(pool(), b.tenant.slug, await otherNode(nodeA), "auto");
    expect(formatNode((await nodeOf(b.tenant.slug))!)).not.toBe(formatNode(nodeA));
    await seed(a.db, "a");
    await seed(b.db, "b");
    const questions = async (db: TenantDb) => (await db.poll.findMany({ select: { question: true } })).map((p) => p.question[0]);
    expect(new Set(await questions(a.db))).toEqual(new Set(["a"]));
    expect(new Set(await questions(b.db))).toEqual(new Set(["b"]));
    expect(await a.db.user.count({ where: { username: { startsWith: "b_" } } })).toBe(0);
    await dropTestTenant(a.tenant);
    await dropTestTenant(b.tenant);
  });

  it("moves a tenant to another worker with every row of every table", async () => {
    const { tenant, db } = await createTestTenant();
    await seed(db, "m");
    const before = await tableSums(tenant.slug);
    expect(before.Vote.rows).toBe(12);
    const from = (await nodeOf(tenant.slug))!;
    const to = await otherNode(from);
    await moveSchema(pool(), tenant.slug, to, "auto");
    expect(formatNode((await nodeOf(tenant.slug))!)).toBe(formatNode(to));
    expect(await tableSums(tenant.slug)).toEqual(before);
    await dropTestTenant(tenant);
  });

  it("serves reads and writes while the tenant moves, and keeps every acknowledged write", async () => {
    const { tenant, db } = await createTestTenant();
    await seed(db, "w");
    const author = (await db.user.findFirstOrThrow({ select: { id: true } })).id;
    const to = await otherNode((await nodeOf(tenant.slug))!);

    let moving = true;
    const written: number[] = [];
    const failures: string[] = [];
    let longest = 0;
    const traffic = (async () => {
      for (let i = 0; moving; i++) {
        const started = performance.now();
        try {
          await db.poll.findMany({ select: { id: true, question: true }, orderBy: { id: "desc" }, take: 5 });
          const poll = await db.poll.create({ data: { question: `during move ${i}`, createdById: author }, select: { id: true } });
          written.push(poll.id);
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
        longest = Math.max(longest, performance.now() - started);
      }
    })();
    const started = performance.now();
    await moveSchema(pool(), tenant.slug, to, "auto");
    const moveMs = performance.now() - started;
    moving = false;
    await traffic;

    console.log(`[citus.test] move took ${moveMs.toFixed(0)} ms; ${written.length} writes during it; longest read+write ${longest.toFixed(0)} ms`);
    expect(failures).toEqual([]);
    expect(written.length).toBeGreaterThan(0);
    const kept = await db.poll.findMany({ where: { id: { in: written } }, select: { id: true } });
    expect(kept.length).toBe(written.length);
    await dropTestTenant(tenant);
  });
});

describe("tenants list and move", () => {
  it.skipIf(citus)("on plain PostgreSQL: list has no node column, and move refuses with one line", async () => {
    const { tenant } = await createTestTenant();
    const list = await runCli("tenants", ["list", "--json"]);
    const row = (JSON.parse(list.stdout) as { slug: string }[]).find((r) => r.slug === tenant.slug);
    expect(row).toBeDefined();
    expect(row).not.toHaveProperty("node");
    const move = await runCli("tenants", ["move", tenant.slug, "--to-node", "127.0.0.1:5432"]);
    expect(expectOneLineError(move)).toBe(`error: tenant "${tenant.slug}" is not on a Citus cluster: --to-node moves between Citus nodes`);
    await dropTestTenant(tenant);
  });

  it.skipIf(!citus)("on Citus: list shows the tenant's worker, and move puts it on the one named", async () => {
    const { tenant } = await createTestTenant();
    const from = formatNode((await nodeOf(tenant.slug))!);
    const nodeInList = async () =>
      (JSON.parse((await runCli("tenants", ["list", "--json"])).stdout) as { slug: string; node?: string }[]).find((r) => r.slug === tenant.slug)?.node;
    expect(await nodeInList()).toBe(from);

    const nowhere = await runCli("tenants", ["move", tenant.slug, "--to-node", "127.0.0.1:1"]);
    expect(expectOneLineError(nowhere)).toMatch(/^error: 127\.0\.0\.1:1 is not a node of this cluster that can hold tenants \(.+\)$/);
    const to = formatNode(await otherNode((await nodeOf(tenant.slug))!));
    const moved = await runCli("tenants", ["move", tenant.slug, "--to-node", to]);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toMatch(new RegExp(`^moved tenant "${tenant.slug}" from ${from} to ${to} in \\d+\\.\\d\\d s`));
    expect(await nodeInList()).toBe(to);
    await dropTestTenant(tenant);
  });
});
