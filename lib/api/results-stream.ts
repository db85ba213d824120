// GET /api/polls/:id/results/stream: Server-Sent Events of a poll's results (decision 032). Each event's
// id is the poll's results version; a reconnect's Last-Event-ID skips the first event when nothing
// changed since. Authorised like /results, when the stream opens and again on every change whose new
// state could hide the results from this reader.
import "server-only";
import { readableResults } from "@/lib/api/polls";
import type { ApiUser } from "@/lib/api/handler";
import { serializeResults } from "@/lib/api/serializers";
import { resultsVisible } from "@/lib/polls/lifecycle";
import { watchPollResults } from "@/lib/polls/live";
import type { PollResults } from "@/lib/polls/results";
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

export async function resultsStream(request: Request, ctx: TenantContext, user: ApiUser | null, pollId: number): Promise<Response> {
  // A 404 or 403 here is a plain JSON error: the stream never opens.
  const first = await readableResults(ctx.db, user, pollId);
  const header = request.headers.get("last-event-id")?.trim() ?? "";
  let sent = lastEventIdSchema.test(header) ? Number(header) : -1;

  return eventStreamResponse(request, async (write, close) => {
    const send = (results: PollResults) => {
      if (results.version <= sent) return;
      sent = results.version;
      write(`id: ${results.version}\nevent: results\ndata: ${JSON.stringify(serializeResults(results))}\n\n`);
    };
    const end = (event: "deleted" | "hidden") => {
      write(`event: ${event}\ndata: {"poll":${pollId}}\n\n`);
      close();
    };
    const watch = watchPollResults(ctx.tenant, pollId, (results) => {
      if (!results) return end("deleted");
      if (!resultsVisible(results, user, first.voted)) return end("hidden");
      send(results);
    });
    const heartbeat = setInterval(() => write(": heartbeat\n\n"), HEARTBEAT_MS);
    // Changes are heard from here on; the results read at the start may be older than the latest.
    await watch.ready;
    send(first);
    const latest = await readableResults(ctx.db, user, pollId).catch(() => null);
    if (latest) send(latest);
    return () => {
      clearInterval(heartbeat);
      watch.stop();
    };
  });
}
