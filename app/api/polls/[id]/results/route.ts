// GET /api/polls/:id/results: votes and share per choice.
import { json, withTenantApi } from "@/lib/api/handler";
import { notFoundError, pathId } from "@/lib/api/polls";
import { apiRoute } from "@/lib/api/route";
import { serializeResults } from "@/lib/api/serializers";
import { pollResults } from "@/lib/polls/results";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/polls/{id}/results", {
  GET: withTenantApi({ auth: "optional" }, async ({ ctx, params }) => {
    const results = await pollResults(ctx.db, pathId(params.id));
    if (!results) throw notFoundError();
    return json(serializeResults(results));
  }),
});
