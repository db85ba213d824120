// POST /api/polls/:id/choices/:choiceId/vote: the authenticated user votes. The voter is never taken
// from the body (the original API did, so anyone could vote as anyone): `voted_by` is ignored.
import { ApiError } from "@/lib/api/errors";
import { json, parseBody, withTenantApi } from "@/lib/api/handler";
import { pathId } from "@/lib/api/polls";
import { apiRoute } from "@/lib/api/route";
import { voteBody } from "@/lib/api/schemas";
import { serializeVote } from "@/lib/api/serializers";
import { castVote, type VoteRefusal } from "@/lib/polls/votes";

const VOTE_REFUSALS: Record<VoteRefusal, () => ApiError> = {
  not_found: () => new ApiError("not_found", "No such choice in this poll"),
  already_voted: () => new ApiError("conflict", "You have already voted in this poll"),
  not_open: () => new ApiError("poll_not_open", "Voting in this poll has not opened yet"),
  closed: () => new ApiError("poll_closed", "This poll is closed: voting has ended"),
};

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/polls/{id}/choices/{choiceId}/vote", {
  POST: withTenantApi({ auth: "required" }, async ({ request, ctx, user, params }) => {
    const pollId = pathId(params.id);
    const choiceId = pathId(params.choiceId, "choice");
    await parseBody(request, voteBody, { allowEmpty: true });
    // castVote checks the choice first: another poll's choice is a 404 even for someone who has voted.
    const result = await castVote(ctx.db, { pollId, choiceId, userId: user.id });
    if (!result.ok) throw VOTE_REFUSALS[result.code]();
    return json(serializeVote(result.vote), 201);
  }),
});
