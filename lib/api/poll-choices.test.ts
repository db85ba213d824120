// The API's choice edits: the same rule as the admin form, said as a 409 the client must answer.
import { describe, expect, it } from "vitest";
import { errorResponse, type ApiError } from "@/lib/api/errors";
import { replaceChoices } from "@/lib/api/polls";
import { patchPollBody } from "@/lib/api/schemas";
import { createPoll } from "@/lib/polls/mutations";
import { findPoll } from "@/lib/polls/queries";
import { castVote } from "@/lib/polls/votes";
import { useTestTenant } from "@/test/tenants";

describe("editing a poll's choices through the API", () => {
  const ctx = useTestTenant([{ username: "odin", role: "admin" }]);

  it("answers 409 choice_has_votes naming the choice and its votes, and deletes them only when told to", async () => {
    const { id } = await createPoll(ctx.db, ctx.userId.odin, { question: "Realm?", choices: ["Asgard", "Vanaheim"] });
    const [asgard, vanaheim] = (await findPoll(ctx.db, id))!.choices;
    await castVote(ctx.db, { pollId: id, choiceId: vanaheim.id, userId: ctx.userId.odin });
    const edit = { choices: [{ id: asgard.id, choice_text: "Asgard" }, { choice_text: "Midgard" }] };

    const refusal = (await replaceChoices(ctx.db, id, edit).catch((error: unknown) => error)) as ApiError;
    const response = errorResponse(refusal);
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      error: {
        code: "choice_has_votes",
        message: `Removing 'Vanaheim' deletes its 1 vote. Send "delete_votes": true to remove it anyway.`,
        choices: [{ id: vanaheim.id, choice_text: "Vanaheim", votes: 1 }],
      },
    });
    expect((await findPoll(ctx.db, id))!.totalVotes).toBe(1);

    await replaceChoices(ctx.db, id, { ...edit, delete_votes: true });
    expect((await findPoll(ctx.db, id))!.choices.map((c) => [c.choiceText, c.votes])).toEqual([["Asgard", 0], ["Midgard", 0]]);
  });

  it("refuses repeated choice texts in a body, naming the repeat", () => {
    const parsed = patchPollBody.safeParse({ choices: [{ choice_text: "Yes" }, { choice_text: "yes " }] });
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["choices.1.choice_text", "Same as choice 1: each choice must differ (ignoring case)"]]);
  });
});
