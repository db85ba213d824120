// GET /api/polls/:id for anyone; PUT, PATCH and DELETE for the poll's creator or an admin. PUT and
// PATCH may also set the poll's choices; removing one that has votes needs `"delete_votes": true`.
import { json, parseBody, withTenantApi, type ApiHandlerArgs, type ApiUser } from "@/lib/api/handler";
import { notFoundError, pathId, pollSettingsOf, replaceChoices, requirePollEditor, visibleResultsOf } from "@/lib/api/polls";
import { apiRoute } from "@/lib/api/route";
import { patchPollBody, replacePollBody } from "@/lib/api/schemas";
import { serializePoll } from "@/lib/api/serializers";
import { changePollFields, deletePoll } from "@/lib/polls/mutations";
import { findPoll } from "@/lib/polls/queries";
import type { TenantDb } from "@/lib/tenancy";

async function respondWithPoll(db: TenantDb, user: ApiUser | null, pollId: number) {
  const poll = await findPoll(db, pollId);
  if (!poll) throw notFoundError();
  const visible = await visibleResultsOf(db, user, [poll]);
  return json(serializePoll(poll, visible.has(poll.id)));
}

function editPoll(schema: typeof replacePollBody | typeof patchPollBody) {
  return async ({ request, ctx, user, params }: ApiHandlerArgs<"required">) => {
    const pollId = pathId(params.id);
    await requirePollEditor(ctx.db, user, pollId);
    const changes = await parseBody(request, schema);
    const settings = pollSettingsOf(changes);
    if (changes.choices !== undefined) await replaceChoices(ctx.db, pollId, { ...changes, choices: changes.choices, settings });
    else if (!(await changePollFields(ctx.db, pollId, { ...settings, ...(changes.question !== undefined ? { question: changes.question } : {}) }))) {
      throw notFoundError();
    }
    return respondWithPoll(ctx.db, user, pollId);
  };
}

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/polls/{id}", {
  GET: withTenantApi({ auth: "optional" }, async ({ ctx, user, params }) => respondWithPoll(ctx.db, user, pathId(params.id))),

  PUT: withTenantApi({ auth: "required" }, editPoll(replacePollBody)),

  PATCH: withTenantApi({ auth: "required" }, editPoll(patchPollBody)),

  DELETE: withTenantApi({ auth: "required" }, async ({ ctx, user, params }) => {
    const pollId = pathId(params.id);
    await requirePollEditor(ctx.db, user, pollId);
    if (!(await deletePoll(ctx.db, pollId))) throw notFoundError(); // deleted meanwhile
    return new Response(null, { status: 204, headers: { "cache-control": "private, no-store" } });
  }),
});
