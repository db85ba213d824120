// GET /api/polls's handler on its own, so the benchmark's baseline runs exactly the same code.
import "server-only";
import { json, type ApiHandlerArgs } from "@/lib/api/handler";
import { pageLinks, parsePageQuery, siteOrigin } from "@/lib/api/pagination";
import type { PollPageResource } from "@/lib/api/schemas";
import { visibleResultsOf } from "@/lib/api/polls";
import { serializePoll } from "@/lib/api/serializers";
import { listPolls } from "@/lib/polls/queries";

export async function respondWithPollPage({ request, ctx, user }: ApiHandlerArgs<"optional">): Promise<Response> {
  const page = parsePageQuery(request.nextUrl.searchParams);
  const { count, polls } = await listPolls(ctx.db, page);
  const links = pageLinks(siteOrigin(request.headers, ctx.host), "/api/polls", page, count);
  const visible = await visibleResultsOf(ctx.db, user, polls);
  const body: PollPageResource = { count, ...links, results: polls.map((poll) => serializePoll(poll, visible.has(poll.id))) };
  return json(body);
}
