// GET /api/polls/stream?ids=…: the vote totals of some polls as Server-Sent Events, as they change.
import { withTenantApi } from "@/lib/api/handler";
import { apiRoute } from "@/lib/api/route";
import { totalsStream } from "@/lib/api/totals-stream";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/polls/stream", {
  GET: withTenantApi({ auth: "none" }, async ({ request, ctx }) => totalsStream(request, ctx, request.nextUrl.searchParams)),
});
