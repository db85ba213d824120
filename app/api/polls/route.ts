// GET /api/polls (paginated, newest first) and POST /api/polls (authenticated).
import { json, parseBody, withTenantApi } from "@/lib/api/handler";
import { respondWithPollPage } from "@/lib/api/poll-list";
import { notFoundError, pollSettingsOf } from "@/lib/api/polls";
import { apiRoute } from "@/lib/api/route";
import { newPollBody } from "@/lib/api/schemas";
import { serializePoll } from "@/lib/api/serializers";
import { createPoll } from "@/lib/polls/mutations";
import { findPoll } from "@/lib/polls/queries";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/polls", {
  GET: withTenantApi({ auth: "optional" }, respondWithPollPage),

  POST: withTenantApi({ auth: "required" }, async ({ request, ctx, user }) => {
    const input = await parseBody(request, newPollBody);
    const { id } = await createPoll(ctx.db, user.id, { question: input.question, choices: input.choices, ...pollSettingsOf(input) });
    const poll = await findPoll(ctx.db, id);
    if (!poll) throw notFoundError();
    return json(serializePoll(poll, true), 201);
  }),
});
