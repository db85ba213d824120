import { describe, expect, it } from "vitest";
import { addChoice, countChoices, isChoiceOfPoll } from "@/lib/polls/choices";
import { changePollFields, createPoll, deletePoll } from "@/lib/polls/mutations";
import { findPoll, findPollOwner } from "@/lib/polls/queries";
import { pollResults, sharePercent } from "@/lib/polls/results";
import { castVote } from "@/lib/polls/votes";
import { useTestTenant } from "@/test/tenants";

describe("renaming, added choices and results", () => {
  const ctx = useTestTenant([{ username: "ann" }, { username: "bob" }, { username: "cat" }]);

  it("updates the question, adds choices and deletes a poll with its votes", async () => {
    const { id } = await createPoll(ctx.db, ctx.userId.ann, { question: "Tea or coffee?", choices: ["Tea"] });
    expect(await findPollOwner(ctx.db, id)).toEqual({ id, createdById: ctx.userId.ann });
    expect(await changePollFields(ctx.db, id, { question: "Coffee or tea?" })).toBe(true);
    const added = await addChoice(ctx.db, id, "Coffee");
    expect(added).toEqual({ ok: true, choice: { id: expect.any(Number), pollId: id, choiceText: "Coffee" } });
    const coffee = (added as { choice: { id: number } }).choice;
    expect(await countChoices(ctx.db, id)).toBe(2);
    expect(await isChoiceOfPoll(ctx.db, id, coffee.id)).toBe(true);
    const other = await createPoll(ctx.db, ctx.userId.ann, { question: "Other?", choices: ["Yes"] });
    expect(await isChoiceOfPoll(ctx.db, other.id, coffee.id)).toBe(false);
    const poll = await findPoll(ctx.db, id);
    expect(poll?.question).toBe("Coffee or tea?");
    expect(poll?.choices.map((c) => c.choiceText)).toEqual(["Tea", "Coffee"]);

    expect(await castVote(ctx.db, { pollId: id, choiceId: coffee.id, userId: ctx.userId.bob })).toMatchObject({ ok: true });
    expect(await deletePoll(ctx.db, id)).toBe(true);
    expect(await findPollOwner(ctx.db, id)).toBeNull();
    expect(await ctx.db.vote.count({ where: { pollId: id } })).toBe(0);
    expect(await changePollFields(ctx.db, id, { question: "Gone?" })).toBe(false);
  });

  it("never lets concurrent additions take a poll past its choice cap", async () => {
    const { id } = await createPoll(ctx.db, ctx.userId.ann, { question: "Crowded?", choices: ["A", "B", "C"] });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => addChoice(ctx.db, id, `Extra ${i}`, 6)));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok)).toHaveLength(5);
    expect(await countChoices(ctx.db, id)).toBe(6);
  });

  it("computes each choice's share of the votes", async () => {
    const { id } = await createPoll(ctx.db, ctx.userId.ann, { question: "Best season?", choices: ["Spring", "Summer", "Winter"] });
    expect(await pollResults(ctx.db, id)).toMatchObject({ pollId: id, total: 0, choices: [{ percent: 0 }, { percent: 0 }, { percent: 0 }] });
    const [spring, summer] = (await findPoll(ctx.db, id))!.choices;
    await castVote(ctx.db, { pollId: id, choiceId: spring.id, userId: ctx.userId.ann });
    await castVote(ctx.db, { pollId: id, choiceId: spring.id, userId: ctx.userId.bob });
    await castVote(ctx.db, { pollId: id, choiceId: summer.id, userId: ctx.userId.cat });
    const results = await pollResults(ctx.db, id);
    expect(results?.total).toBe(3);
    expect(results?.choices.map((c) => [c.choiceText, c.votes, c.percent])).toEqual([
      ["Spring", 2, 66.7],
      ["Summer", 1, 33.3],
      ["Winter", 0, 0],
    ]);
    expect(await pollResults(ctx.db, 999_999)).toBeNull();
    expect(sharePercent(1, 8)).toBe(12.5);
  });
});
