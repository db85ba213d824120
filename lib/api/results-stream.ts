// GET /api/polls/:id/results/stream: Server-Sent Events of a poll's results (decision 032). Each event's
// id is the poll's results version; a reconnect's Last-Event-ID skips the first event when nothing
// changed since. Authorised like /results when the stream opens; then, before every change is sent, the
// reader is established again from what identified them at the opening (the session's claims or the
// token's key, never the request, long answered), by the request-time rules (`apiUserOf`), and the stream
// sends only what a reconnect with the same credentials would be sent (decision 040):
// - a token that no longer holds (revoked, account disabled or deleted) ends it with `event: unauthorized`,
//   as a reconnect would get a 401, even where the results are public;
// - a session that no longer holds (account disabled or deleted, signed out everywhere, expired) makes the
//   reader anonymous, as a reconnect would be: the results go on only while anyone may see them, else
//   `event: hidden` ends it, as it does when the poll hides them (a reconnect gets a 403);
// - a reader who still holds is checked with their current role (a demoted admin may lose the results).
import "server-only";
import { apiUserOf, type ApiCredentials, type ApiUser } from "@/lib/api/handler";
import { readableResults } from "@/lib/api/polls";
import { serializeResults } from "@/lib/api/serializers";
import { pollsVotedIn, resultsVisible } from "@/lib/polls/lifecycle";
import { watchPollResults } from "@/lib/polls/live";
import { pollResults, type PollResults } from "@/lib/polls/results";
import type { TenantContext } from "@/lib/tenancy/next";

export const HEARTBEAT_MS = 15_000;
/** How long a browser waits before reconnecting a dropped stream. */
const RETRY_MS = 2_000;

const lastEventIdSchema = /^\d{1,10}$/;

type Write = (text: string) => void;

/**
 * A text/event-stream response. `start` subscribes and sends the first events; it returns its clean-up,
 * which runs once, when the client goes away or `close` is called.
 */
export function eventStreamResponse(request: Request, start: (write: Write, close: () => void) => Promise<() => void>): Response {
  const encoder = new TextEncoder();
  let close = () => {};
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      let cleanUp = () => {};
      const write: Write = (text) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      close = () => {
        if (!open) return;
        open = false;
        cleanUp();
        request.signal.removeEventListener("abort", close);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      request.signal.addEventListener("abort", close);
      write(`retry: ${RETRY_MS}\n\n`);
      const stop = await start(write, () => close());
      if (open) cleanUp = stop;
      else stop();
    },
    cancel() {
      close();
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform: Next's compression would otherwise buffer the events.
      "cache-control": "private, no-store, no-transform",
      "x-accel-buffering": "no",
    },
  });
}

/** Why a stream ends: the poll is gone, its results are hidden from this reader, or their credentials no longer hold. */
type EndEvent = "deleted" | "hidden" | "unauthorized";

/** The reader as the request authenticated them, and what identified them (kept to ask again). */
export type StreamReader = { user: ApiUser | null; credentials: ApiCredentials | null };

export async function resultsStream(request: Request, ctx: TenantContext, opened: StreamReader, pollId: number): Promise<Response> {
  // A 404 or 403 here is a plain JSON error: the stream never opens.
  const first = await readableResults(ctx.db, opened.user, pollId);
  const header = request.headers.get("last-event-id")?.trim() ?? "";
  let sent = lastEventIdSchema.test(header) ? Number(header) : -1;
  // Anonymous from the start stays anonymous (a session's version only grows, ids are never reused): no re-check.
  const credentials = opened.user ? opened.credentials : null;
  let voted = first.voted;

  /** What this reader may have of `results` now: "send", or the event that ends the stream. */
  const verdict = async (results: PollResults | null): Promise<"send" | EndEvent> => {
    if (!results) return "deleted";
    const reader = credentials ? await apiUserOf(ctx.db, credentials) : null;
    if (reader === "invalid") return "unauthorized";
    if (resultsVisible(results, reader, voted)) return "send";
    // A reader who has voted since the opening (and whose role no longer suffices) may still see them.
    if (!reader || voted) return "hidden";
    voted = (await pollsVotedIn(ctx.db, reader.id, [pollId])).has(pollId);
    return voted ? "send" : "hidden";
  };

  return eventStreamResponse(request, async (write, close) => {
    let stopped = false;
    const send = (results: PollResults) => {
      if (results.version <= sent) return;
      sent = results.version;
      write(`id: ${results.version}\nevent: results\ndata: ${JSON.stringify(serializeResults(results))}\n\n`);
    };
    const end = (event: EndEvent) => {
      write(`event: ${event}\ndata: {"poll":${pollId}}\n\n`);
      close();
    };
    // One change at a time, in the order heard: a verdict reads the database, and a later change must not
    // be judged before an earlier one.
    let queue = Promise.resolve();
    const follow = (results: PollResults | null) => {
      queue = queue.then(async () => {
        if (stopped) return;
        try {
          const outcome = await verdict(results);
          if (stopped) return;
          if (outcome === "send") send(results!);
          else end(outcome);
        } catch (error) {
          // The reader could not be established: send nothing; the next change asks again.
          console.error(`[live] cannot re-check the reader of poll ${pollId} of ${ctx.tenant.slug}: ${error instanceof Error ? error.message : error}`);
        }
      });
    };
    const watch = watchPollResults(ctx.tenant, pollId, follow);
    const heartbeat = setInterval(() => write(": heartbeat\n\n"), HEARTBEAT_MS);
    // Changes are heard from here on; the results read at the start may be older than the latest.
    await watch.ready;
    send(first);
    const latest = await pollResults(ctx.db, pollId).catch(() => undefined);
    if (latest !== undefined) follow(latest);
    return () => {
      stopped = true;
      clearInterval(heartbeat);
      watch.stop();
    };
  });
}
