import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closePools } from "@/lib/db/pools";
import { createUser } from "@/lib/auth/users";
import { listPolls, pollSortSchema } from "@/lib/polls/queries";
import type { Tenant } from "@/lib/tenancy/registry";
import type { TenantDb } from "@/lib/tenancy/tenant-db";
import { createTestTenant, dropTestTenant } from "@/test/tenants";

describe("the admin's poll list: search and sort", () => {
  let tenant: Tenant;
  let db: TenantDb;

  beforeAll(async () => {
    ({ tenant, db } = await createTestTenant());
    const admin = await createUser(db, { username: "admin", password: "long enough", role: "admin" });
    const voters = await Promise.all([1, 2, 3].map((n) => createUser(db, { username: `voter${n}`, password: "long enough" })));
    const make = async (question: string, minutesAgo: number, votes: number) => {
      const poll = await db.poll.create({
        data: {
          question,
          createdById: admin.id,
          pubDate: new Date(Date.now() - minutesAgo * 60_000),
          choices: { create: [{ choiceText: "A" }, { choiceText: "B" }] },
        },
        select: { id: true, choices: { select: { id: true } } },
      });
      for (const voter of voters.slice(0, votes)) {
        await db.vote.create({ data: { pollId: poll.id, choiceId: poll.choices[0].id, votedById: voter.id }, select: { id: true } });
      }
    };
    await make("Bravo lunch", 30, 1);
    await make("Alpha breakfast", 20, 3);
    await make("Charlie lunch", 10, 0);
  });

  afterAll(async () => {
    await dropTestTenant(tenant);
    await closePools();
  });

  const questions = async (filter: Parameters<typeof listPolls>[2]) =>
    (await listPolls(db, { page: 1, pageSize: 10 }, filter)).polls.map((poll) => poll.question);

  it("orders by date, question or votes", async () => {
    expect(await questions({ sort: "newest" })).toEqual(["Charlie lunch", "Alpha breakfast", "Bravo lunch"]);
    expect(await questions({ sort: "oldest" })).toEqual(["Bravo lunch", "Alpha breakfast", "Charlie lunch"]);
    expect(await questions({ sort: "votes" })).toEqual(["Alpha breakfast", "Bravo lunch", "Charlie lunch"]);
    expect(await questions({ sort: "question" })).toEqual(["Alpha breakfast", "Bravo lunch", "Charlie lunch"]);
  });

  it("searches questions ignoring case, and counts the matches", async () => {
    expect(await questions({ search: "LUNCH", sort: "oldest" })).toEqual(["Bravo lunch", "Charlie lunch"]);
    expect((await listPolls(db, { page: 1, pageSize: 10 }, { search: "nothing" })).count).toBe(0);
  });

  it("takes an unknown sort from a query string as newest first", () => {
    expect(pollSortSchema.parse("votes")).toBe("votes");
    expect(pollSortSchema.parse("pubDate; DROP")).toBe("newest");
    expect(pollSortSchema.parse(undefined)).toBe("newest");
  });
});
