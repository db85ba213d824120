// GET /api/polls/stream?ids=1,2,3: the vote totals of up to 50 polls as Server-Sent Events (the
// home page's counts). A total says how many took part, not how they voted, so it is public like the
// list it belongs to (decision 033); per-choice counts stay with /results and its stream.
import "server-only";
import { validationError } from "@/lib/api/errors";
import { totalsQuery } from "@/lib/api/schemas";
import { watchPollResults } from "@/lib/polls/live";
import { findPoll } from "@/lib/polls/queries";
import type { TenantContext } from "@/lib/tenancy/next";
import { HEARTBEAT_MS, eventStreamResponse } from "@/lib/api/results-stream";

export async function totalsStream(request: Request, ctx: TenantContext, query: URLSearchParams): Promise<Response> {
  const parsed = totalsQuery.safeParse({ ids: query.get("ids") ?? "" });
  if (!parsed.success) throw validationError(parsed.error);
  const ids = parsed.data.ids;
  return eventStreamResponse(request, async (write) => {
    const sent = new Map<number, number>();
    const send = (poll: number, total: number) => {
      if (sent.get(poll) === total) return;
      sent.set(poll, total);
      write(`event: total\ndata: ${JSON.stringify({ poll, total })}\n\n`);
    };
    const watches = ids.map((id) => watchPollResults(ctx.tenant, id, (results) => results && send(id, results.total)));
    const heartbeat = setInterval(() => write(": heartbeat\n\n"), HEARTBEAT_MS);
    await Promise.all(watches.map((w) => w.ready));
    for (const id of ids) {
      const poll = await findPoll(ctx.db, id);
      if (poll) send(id, poll.totalVotes);
    }
    return () => {
      clearInterval(heartbeat);
      watches.forEach((w) => w.stop());
    };
  });
}
