import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { closePools } from "@/lib/db/pools";
import { addChoice, countChoices, isChoiceOfPoll } from "@/lib/polls/choices";
import { changePollFields, createPoll, deletePoll } from "@/lib/polls/mutations";
import { findPoll, findPollOwner } from "@/lib/polls/queries";
import { pollResults, sharePercent } from "@/lib/polls/results";
import { castVote } from "@/lib/polls/votes";
import type { Tenant } from "@/lib/tenancy/registry";
import type { TenantDb } from "@/lib/tenancy/tenant-db";
import { createTestTenant, dropTestTenant } from "@/test/tenants";

describe("renaming, added choices and results", () => {
  let tenant: Tenant;
  let db: TenantDb;
  const voters: number[] = [];

  beforeAll(async () => {
    ({ tenant, db } = await createTestTenant());
    for (const name of ["ann", "bob", "cat"]) voters.push((await createUser(db, { username: name, password: "correct horse" })).id);
  });

  afterAll(async () => {
    await dropTestTenant(tenant);
    await closePools();
  });

  it("updates the question, adds choices and deletes a poll with its votes", async () => {
    const { id } = await createPoll(db, voters[0], { question: "Tea or coffee?", choices: ["Tea"] });
    expect(await findPollOwner(db, id)).toEqual({ id, createdById: voters[0] });
    expect(await changePollFields(db, id, { question: "Coffee or tea?" })).toBe(true);
    const added = await addChoice(db, id, "Coffee");
    expect(added).toEqual({ ok: true, choice: { id: expect.any(Number), pollId: id, choiceText: "Coffee" } });
    const coffee = (added as { choice: { id: number } }).choice;
    expect(await countChoices(db, id)).toBe(2);
    expect(await isChoiceOfPoll(db, id, coffee.id)).toBe(true);
    const other = await createPoll(db, voters[0], { question: "Other?", choices: ["Yes"] });
    expect(await isChoiceOfPoll(db, other.id, coffee.id)).toBe(false);
    const poll = await findPoll(db, id);
    expect(poll?.question).toBe("Coffee or tea?");
    expect(poll?.choices.map((c) => c.choiceText)).toEqual(["Tea", "Coffee"]);

    expect(await castVote(db, { pollId: id, choiceId: coffee.id, userId: voters[1] })).toMatchObject({ ok: true });
    expect(await deletePoll(db, id)).toBe(true);
    expect(await findPollOwner(db, id)).toBeNull();
    expect(await db.vote.count({ where: { pollId: id } })).toBe(0);
    expect(await changePollFields(db, id, { question: "Gone?" })).toBe(false);
  });

  it("never lets concurrent additions take a poll past its choice cap", async () => {
    const { id } = await createPoll(db, voters[0], { question: "Crowded?", choices: ["A", "B", "C"] });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => addChoice(db, id, `Extra ${i}`, 6)));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok)).toHaveLength(5);
    expect(await countChoices(db, id)).toBe(6);
  });

  it("computes each choice's share of the votes", async () => {
    const { id } = await createPoll(db, voters[0], { question: "Best season?", choices: ["Spring", "Summer", "Winter"] });
    expect(await pollResults(db, id)).toMatchObject({ pollId: id, total: 0, choices: [{ percent: 0 }, { percent: 0 }, { percent: 0 }] });
    const [spring, summer] = (await findPoll(db, id))!.choices;
    await castVote(db, { pollId: id, choiceId: spring.id, userId: voters[0] });
    await castVote(db, { pollId: id, choiceId: spring.id, userId: voters[1] });
    await castVote(db, { pollId: id, choiceId: summer.id, userId: voters[2] });
    const results = await pollResults(db, id);
    expect(results?.total).toBe(3);
    expect(results?.choices.map((c) => [c.choiceText, c.votes, c.percent])).toEqual([
      ["Spring", 2, 66.7],
      ["Summer", 1, 33.3],
      ["Winter", 0, 0],
    ]);
    expect(await pollResults(db, 999_999)).toBeNull();
    expect(sharePercent(1, 8)).toBe(12.5);
  });
});
