// Editing a poll never deletes votes the editor was not shown: removing a choice that has votes is
// refused with each such choice and its count, until the edit comes back confirming what was seen.
import { describe, expect, it } from "vitest";
import { createPoll, updatePoll } from "@/lib/polls/mutations";
import { findPoll } from "@/lib/polls/queries";
import { castVote, findUserVote } from "@/lib/polls/votes";
import { useTestTenant } from "@/test/tenants";

describe("removing choices that have votes", () => {
  const ctx = useTestTenant([{ username: "ann" }, { username: "bob" }, { username: "cat" }, { username: "dan" }]);

  /** A poll Asgard / Vanaheim / Midgard with three votes for Vanaheim. */
  async function realmsPoll() {
    const { id } = await createPoll(ctx.db, ctx.userId.ann, { question: "Best realm?", choices: ["Asgard", "Vanaheim", "Midgard"] });
    const [asgard, vanaheim, midgard] = (await findPoll(ctx.db, id))!.choices;
    for (const userId of [ctx.userId.ann, ctx.userId.bob, ctx.userId.cat]) expect((await castVote(ctx.db, { pollId: id, choiceId: vanaheim.id, userId })).ok).toBe(true);
    const withoutVanaheim = { question: "Best realm?", choices: [asgard, midgard].map((c) => ({ id: c.id, text: c.choiceText })) };
    return { id, vanaheim, withoutVanaheim };
  }

  it("refuses the edit, naming the choice and its votes, and changes nothing", async () => {
    const { id, vanaheim, withoutVanaheim } = await realmsPoll();
    const before = await findPoll(ctx.db, id);

    const result = await updatePoll(ctx.db, id, { ...withoutVanaheim, question: "Renamed?" });
    expect(result).toEqual({ ok: false, code: "choice_has_votes", choices: [{ id: vanaheim.id, text: "Vanaheim", votes: 3 }] });
    expect(await findPoll(ctx.db, id)).toEqual(before);
  });

  it("removes the choice and its votes once confirmed, and its voters can vote again", async () => {
    const { id, vanaheim, withoutVanaheim } = await realmsPoll();

    expect(await updatePoll(ctx.db, id, withoutVanaheim, new Map([[vanaheim.id, 3]]))).toEqual({ ok: true });
    const poll = (await findPoll(ctx.db, id))!;
    expect(poll.choices.map((c) => c.choiceText)).toEqual(["Asgard", "Midgard"]);
    expect(poll.totalVotes).toBe(0);
    expect(await findUserVote(ctx.db, id, ctx.userId.ann)).toBeNull();
    expect((await castVote(ctx.db, { pollId: id, choiceId: poll.choices[0].id, userId: ctx.userId.ann })).ok).toBe(true);
  });

  it("asks again when votes arrived after the confirmation, deleting none of them", async () => {
    const { id, vanaheim, withoutVanaheim } = await realmsPoll();
    expect((await castVote(ctx.db, { pollId: id, choiceId: vanaheim.id, userId: ctx.userId.dan })).ok).toBe(true);

    const result = await updatePoll(ctx.db, id, withoutVanaheim, new Map([[vanaheim.id, 3]]));
    expect(result).toEqual({ ok: false, code: "choice_has_votes", choices: [{ id: vanaheim.id, text: "Vanaheim", votes: 4 }] });
    expect((await findPoll(ctx.db, id))!.choices.find((c) => c.id === vanaheim.id)?.votes).toBe(4);
  });

  it("removes a choice nobody voted for without asking", async () => {
    const { id } = await realmsPoll();
    const [asgard, vanaheim] = (await findPoll(ctx.db, id))!.choices;
    expect(await updatePoll(ctx.db, id, { choices: [vanaheim, asgard].map((c) => ({ id: c.id, text: c.choiceText })) })).toEqual({ ok: true });
    expect((await findPoll(ctx.db, id))!.choices.map((c) => [c.choiceText, c.votes])).toEqual([["Asgard", 0], ["Vanaheim", 3]]);
  });

  it("a choice can never be deleted with its votes behind the edit's back", async () => {
    const { id, vanaheim } = await realmsPoll();
    await expect(ctx.db.choice.delete({ where: { id: vanaheim.id }, select: { id: true } })).rejects.toMatchObject({ code: "P2003" });
    expect(await ctx.db.vote.count({ where: { pollId: id } })).toBe(3);
  });

  it("deleting the whole poll still takes its choices and votes", async () => {
    const { id } = await realmsPoll();
    await ctx.db.poll.delete({ where: { id }, select: { id: true } });
    expect(await ctx.db.vote.count({ where: { pollId: id } })).toBe(0);
    expect(await ctx.db.choice.count({ where: { pollId: id } })).toBe(0);
  });
});
