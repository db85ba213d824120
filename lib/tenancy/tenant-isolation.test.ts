// Many tenants on one shared client, all at once: every kind of operation Prisma may batch, merge or
// run in a transaction, issued in the same tick by every tenant. Each tenant's rows carry its slug,
// so an answer from another schema, or a write that landed in one, is seen and counted.
// Runs on the suite's server (TEST_DATABASE_URL, e.g. a PgBouncer in front of PostgreSQL) or the embedded one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { closePools, poolFor } from "@/lib/db/pools";
import type { Tenant } from "@/lib/tenancy/registry";
import { quoteIdent } from "@/lib/tenancy/schema-name";
import type { TenantDb } from "@/lib/tenancy/tenant-db";
import { tenantServerUrl } from "@/lib/tenancy/servers";
import { createTestTenant, dropTestTenant } from "@/test/tenants";

const TENANTS = 32;
const ROUNDS = 4;
const SEEDED_POLLS = 3;

type Subject = { tenant: Tenant; db: TenantDb; slug: string; adminId: number };
type Tally = { operations: number; crossed: number; crossedBy: Record<string, number>; failed: string[] };

// Every tenant's transactions start at once and queue for the pool's few connections: waiting is expected.
const QUEUED = { maxWait: 60_000, timeout: 60_000 };

class SavepointRolledBack extends Error {}

/** Whether a text carries the tenant's marker. */
const owns = (slug: string, text: string | undefined) => text?.startsWith(`${slug} `) === true;

describe("tenant isolation on one shared client", () => {
  const subjects: Subject[] = [];

  beforeAll(async () => {
    for (let i = 0; i < TENANTS; i++) {
      const { tenant, db } = await createTestTenant();
      const admin = await createUser(db, { username: `${tenant.slug}-admin`, password: "correct horse", role: "admin" });
      for (let p = 1; p <= SEEDED_POLLS; p++) {
        await db.poll.create({
          data: { question: `${tenant.slug} seeded ${p}`, createdById: admin.id, choices: { create: [{ choiceText: `${tenant.slug} yes` }, { choiceText: `${tenant.slug} no` }] } },
          select: { id: true },
        });
      }
      subjects.push({ tenant, db, slug: tenant.slug, adminId: admin.id });
    }
  });

  afterAll(async () => {
    for (const { tenant } of subjects) await dropTestTenant(tenant);
    await closePools();
  });

  it("answers every tenant from its own schema and writes only there, under same-tick batches, transactions and savepoints", async () => {
    const tally: Tally = { operations: 0, crossed: 0, crossedBy: {}, failed: [] };
    for (let round = 0; round < ROUNDS; round++) {
      // Built in one synchronous loop, so Prisma sees every tenant's operations in the same tick.
      await Promise.all(subjects.flatMap((subject) => operationsOf(subject, round, tally)));
    }

    expect(tally.failed).toEqual([]);
    expect(tally.crossed, `${tally.crossed} of ${tally.operations} operations answered from another tenant: ${JSON.stringify(tally.crossedBy)}`).toBe(0);
    expect(tally.operations).toBe(TENANTS * ROUNDS * (SEEDED_POLLS + 4));

    const misplaced: string[] = [];
    for (const subject of subjects) misplaced.push(...(await foreignRows(subject)));
    expect(misplaced).toEqual([]);
    // Seeded, then per round one nested create and one poll kept by the interactive transaction.
    for (const subject of subjects) expect(await pollCount(subject)).toBe(SEEDED_POLLS + 2 * ROUNDS);
  });
});

/** One tenant's share of a round; each operation checks its own answer and counts a foreign one. */
function operationsOf(subject: Subject, round: number, tally: Tally): Promise<void>[] {
  const { db, slug, adminId } = subject;
  const record = async (name: string, work: () => Promise<boolean>) => {
    tally.operations++;
    try {
      if (await work()) return;
      tally.crossed++;
      tally.crossedBy[name] = (tally.crossedBy[name] ?? 0) + 1;
    } catch (error) {
      tally.failed.push(`${slug} ${name}: ${(error as Error).message.split("\n").at(-1)}`);
    }
  };

  // Same-tick findUniques of one shape: Prisma batches these into one query.
  const findPolls = Array.from({ length: SEEDED_POLLS }, (_, i) =>
    record("findUnique", async () => owns(slug, (await db.poll.findUnique({ where: { id: i + 1 }, select: { question: true } }))?.question)),
  );
  const findAdmin = record("findUnique user", async () => {
    const admin = await db.user.findUnique({ where: { username: `${slug}-admin` }, select: { id: true } });
    return admin?.id === adminId;
  });
  const batch = record("batch $transaction", async () => {
    const [poll, choices, total] = await db.$transaction([
      db.poll.findUnique({ where: { id: 1 }, select: { question: true } }),
      db.choice.findMany({ where: { pollId: 1 }, select: { choiceText: true } }),
      db.poll.count(),
    ], QUEUED);
    return owns(slug, poll?.question) && choices.length === 2 && choices.every((c) => owns(slug, c.choiceText)) && total >= SEEDED_POLLS;
  });
  const nested = record("nested create", async () => {
    const poll = await db.poll.create({
      data: { question: `${slug} nested ${round}`, createdById: adminId, choices: { create: [{ choiceText: `${slug} a` }, { choiceText: `${slug} b` }] } },
      select: { createdBy: { select: { username: true } }, choices: { select: { choiceText: true } } },
    });
    return poll.createdBy.username === `${slug}-admin` && poll.choices.every((c) => owns(slug, c.choiceText));
  });
  const interactive = record("interactive transaction with a savepoint", () =>
    db.$transaction(async (tx) => {
      const kept = await tx.poll.create({ data: { question: `${slug} kept ${round}`, createdById: adminId }, select: { id: true } });
      // A nested transaction is a savepoint: its write is rolled back, the outer one's stays.
      await tx
        .$transaction(async (inner) => {
          await inner.poll.create({ data: { question: `${slug} rolled back ${round}`, createdById: adminId }, select: { id: true } });
          throw new SavepointRolledBack();
        })
        .catch((error) => {
          if (!(error instanceof SavepointRolledBack)) throw error;
        });
      const seen = await tx.poll.findUnique({ where: { id: kept.id }, select: { question: true } });
      const admin = await tx.user.findUnique({ where: { username: `${slug}-admin` }, select: { id: true } });
      return seen?.question === `${slug} kept ${round}` && admin?.id === adminId;
    }, QUEUED),
  );
  return [...findPolls, findAdmin, batch, nested, interactive];
}

/** Rows in the tenant's schema, read with plain SQL, that do not carry its marker. */
async function foreignRows({ tenant, slug }: Subject): Promise<string[]> {
  const pool = poolFor(tenantServerUrl(tenant));
  const schema = quoteIdent(slug);
  const polls = await pool.query<{ text: string }>(`SELECT question AS text FROM ${schema}."Poll"`);
  const choices = await pool.query<{ text: string }>(`SELECT "choiceText" AS text FROM ${schema}."Choice"`);
  return [...polls.rows, ...choices.rows].filter((row) => !owns(slug, row.text) || row.text.includes("rolled back")).map((row) => `${slug}: ${row.text}`);
}

async function pollCount({ tenant, slug }: Subject): Promise<number> {
  const { rows } = await poolFor(tenantServerUrl(tenant)).query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoteIdent(slug)}."Poll"`);
  return rows[0].n;
}
