// GET /api/polls/:id/choices for anyone; POST adds a choice (the poll's creator or an admin).
import { ApiError } from "@/lib/api/errors";
import { json, parseBody, withTenantApi } from "@/lib/api/handler";
import { notFoundError, pathId, requirePollEditor, visibleResultsOf } from "@/lib/api/polls";
import { apiRoute } from "@/lib/api/route";
import { newChoiceBody } from "@/lib/api/schemas";
import { serializeChoice } from "@/lib/api/serializers";
import { addChoice } from "@/lib/polls/choices";
import { findPoll } from "@/lib/polls/queries";
import { MAX_CHOICES } from "@/lib/polls/schemas";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/polls/{id}/choices", {
  GET: withTenantApi({ auth: "optional" }, async ({ ctx, user, params }) => {
    const poll = await findPoll(ctx.db, pathId(params.id));
    if (!poll) throw notFoundError();
    const visible = (await visibleResultsOf(ctx.db, user, [poll])).has(poll.id);
    return json(poll.choices.map((choice) => serializeChoice(poll.id, choice, visible)));
  }),

  POST: withTenantApi({ auth: "required" }, async ({ request, ctx, user, params }) => {
    const pollId = pathId(params.id);
    await requirePollEditor(ctx.db, user, pollId);
    const { choice_text } = await parseBody(request, newChoiceBody);
    const added = await addChoice(ctx.db, pollId, choice_text);
    if (!added.ok && added.code === "duplicate") throw new ApiError("duplicate_choice", "The poll already has a choice with that text (ignoring case)");
    if (!added.ok) throw new ApiError("conflict", `A poll has at most ${MAX_CHOICES} choices`);
    return json(serializeChoice(pollId, { ...added.choice, votes: 0 }), 201);
  }),
});
