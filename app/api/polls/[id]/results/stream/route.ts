// GET /api/polls/:id/results/stream: the poll's results as Server-Sent Events, as they change.
import { withTenantApi } from "@/lib/api/handler";
import { pathId } from "@/lib/api/polls";
import { resultsStream } from "@/lib/api/results-stream";
import { apiRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/polls/{id}/results/stream", {
  GET: withTenantApi({ auth: "optional" }, async ({ request, ctx, user, credentials, params }) =>
    resultsStream(request, ctx, { user, credentials }, pathId(params.id)),
  ),
});
