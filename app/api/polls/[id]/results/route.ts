// GET /api/polls/:id/results: votes and share per choice, for a reader who may see them (decision 033).
import { json, withTenantApi } from "@/lib/api/handler";
import { pathId, readableResults } from "@/lib/api/polls";
import { apiRoute } from "@/lib/api/route";
import { serializeResults } from "@/lib/api/serializers";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/polls/{id}/results", {
  GET: withTenantApi({ auth: "optional" }, async ({ ctx, user, params }) => {
    return json(serializeResults(await readableResults(ctx.db, user, pathId(params.id))));
  }),
});
