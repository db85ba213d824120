import { describe, expect, it } from "vitest";
import { ClosingTimeInPastError, closePollNow } from "@/lib/polls/lifecycle";
import { changePollFields, createPoll, deletePoll, updatePoll } from "@/lib/polls/mutations";
import { findPoll } from "@/lib/polls/queries";
import { castVote } from "@/lib/polls/votes";
import { useTestTenant } from "@/test/tenants";

describe("poll mutations", () => {
  const ctx = useTestTenant([{ username: "editor", role: "admin" }]);

  it("updatePoll renames, adds and removes choices, keeping the kept choices' votes", async () => {
    const { id } = await createPoll(ctx.db, ctx.userId.editor, { question: "Q1", choices: ["A", "B", "C"] });
    const [a, b] = (await findPoll(ctx.db, id))!.choices;
    expect((await castVote(ctx.db, { pollId: id, choiceId: a.id, userId: ctx.userId.editor })).ok).toBe(true);

    const result = await updatePoll(ctx.db, id, { question: "Q1 edited", choices: [{ id: a.id, text: "A!" }, { id: null, text: "D" }] });
    expect(result).toEqual({ ok: true });
    const poll = (await findPoll(ctx.db, id))!;
    expect(poll.question).toBe("Q1 edited");
    expect(poll.choices.map((c) => [c.choiceText, c.votes])).toEqual([["A!", 1], ["D", 0]]);
    expect(poll.choices.some((c) => c.id === b.id)).toBe(false);
  });

  it("updatePoll refuses another poll's choice id and changes nothing", async () => {
    const mine = await createPoll(ctx.db, ctx.userId.editor, { question: "Mine", choices: ["A", "B"] });
    const other = await createPoll(ctx.db, ctx.userId.editor, { question: "Other", choices: ["X", "Y"] });
    const foreign = (await findPoll(ctx.db, other.id))!.choices[0].id;
    const before = await findPoll(ctx.db, mine.id);

    const result = await updatePoll(ctx.db, mine.id, { question: "Hijack", choices: [{ id: foreign, text: "X2" }, { id: null, text: "Z" }] });
    expect(result).toEqual({ ok: false, code: "stale_choice" });
    expect(await findPoll(ctx.db, mine.id)).toEqual(before);
    expect((await findPoll(ctx.db, other.id))!.choices[0].choiceText).toBe("X");
  });

  it("updatePoll and deletePoll report a missing poll", async () => {
    expect(await updatePoll(ctx.db, 999_999, { question: "Q", choices: [{ id: null, text: "A" }, { id: null, text: "B" }] })).toEqual({
      ok: false,
      code: "not_found",
    });
    const { id } = await createPoll(ctx.db, ctx.userId.editor, { question: "Doomed", choices: ["A", "B"] });
    expect(await deletePoll(ctx.db, id)).toBe(true);
    expect(await findPoll(ctx.db, id)).toBeNull();
    expect(await deletePoll(ctx.db, id)).toBe(false);
  });

  describe("a closing time in the past", () => {
    const past = new Date("2020-01-01T10:00:00Z");
    const soon = () => new Date(Date.now() + 3_600_000);

    it("is refused when a poll is created with it", async () => {
      await expect(createPoll(ctx.db, ctx.userId.editor, { question: "Born closed?", choices: ["A", "B"], closesAt: past })).rejects.toBeInstanceOf(ClosingTimeInPastError);
      expect(await ctx.db.poll.count({ where: { question: "Born closed?" } })).toBe(0);
      const { id } = await createPoll(ctx.db, ctx.userId.editor, { question: "Closes later", choices: ["A", "B"], closesAt: soon() });
      expect((await findPoll(ctx.db, id))!.closesAt).not.toBeNull();
    });

    it("is refused when an edit sets it, and nothing of the edit is saved", async () => {
      const { id } = await createPoll(ctx.db, ctx.userId.editor, { question: "Open", choices: ["A", "B"] });
      const before = await findPoll(ctx.db, id);
      const choices = before!.choices.map((c) => ({ id: c.id, text: c.choiceText }));
      await expect(updatePoll(ctx.db, id, { question: "Edited", choices, settings: { closesAt: past } })).rejects.toBeInstanceOf(ClosingTimeInPastError);
      await expect(changePollFields(ctx.db, id, { question: "Edited", closesAt: past })).rejects.toBeInstanceOf(ClosingTimeInPastError);
      expect(await findPoll(ctx.db, id)).toEqual(before);
    });

    it("does not stop closing now, nor an edit that leaves a past closing time as it is", async () => {
      const { id } = await createPoll(ctx.db, ctx.userId.editor, { question: "Closing", choices: ["A", "B"] });
      expect(await closePollNow(ctx.db, id)).toBe(true);
      const closed = (await findPoll(ctx.db, id))!;
      expect(closed.closesAt).not.toBeNull();
      const choices = closed.choices.map((c) => ({ id: c.id, text: c.choiceText }));

      expect(await updatePoll(ctx.db, id, { question: "Closed, renamed", choices, settings: { closesAt: closed.closesAt } })).toEqual({ ok: true });
      expect(await changePollFields(ctx.db, id, { question: "Closed, renamed again", closesAt: closed.closesAt })).toBe(true);
      const after = (await findPoll(ctx.db, id))!;
      expect([after.question, after.closesAt]).toEqual(["Closed, renamed again", closed.closesAt]);
      // Moving it to another past time is setting a closing time in the past.
      await expect(changePollFields(ctx.db, id, { closesAt: past })).rejects.toBeInstanceOf(ClosingTimeInPastError);
      expect(await changePollFields(ctx.db, id, { closesAt: null })).toBe(true);
    });

    it("is not needed to close a poll now: \"now\" is the database's clock under the lock", async () => {
      const { id } = await createPoll(ctx.db, ctx.userId.editor, { question: "Close me", choices: ["A", "B"] });
      const [a] = (await findPoll(ctx.db, id))!.choices;
      expect(await changePollFields(ctx.db, id, { closesAt: "now" })).toBe(true);
      expect((await findPoll(ctx.db, id))!.closesAt).not.toBeNull();
      expect(await castVote(ctx.db, { pollId: id, choiceId: a.id, userId: ctx.userId.editor })).toMatchObject({ ok: false, code: "closed" });
    });
  });
});
