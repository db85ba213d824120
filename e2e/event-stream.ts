// A Server-Sent Events client for the specs: one request on a host (with the Host header set, as
// e2e/http.ts does), its events parsed as they arrive, and a way to wait for the next one that matches.
import http from "node:http";
import { E2E_PORT, type HttpResponse } from "./http";

export type StreamEvent = { id?: string; event: string; data: string };

export type EventStream = {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body when the answer was not a stream (an error's JSON). */
  body: string;
  events: StreamEvent[];
  /** The first event from index `from` on that matches, waiting up to `within` ms. */
  next: (match: (e: StreamEvent) => boolean, within: number, from?: number) => Promise<StreamEvent>;
  close: () => void;
};

export function openStream(host: string, path: string, options: { headers?: Record<string, string>; port?: number } = {}): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: options.port ?? E2E_PORT, path, headers: { host, accept: "text/event-stream", ...options.headers } });
    req.on("error", reject);
    req.on("response", (res) => {
      const events: StreamEvent[] = [];
      const waiters = new Set<() => void>();
      let buffer = "";
      const stream: EventStream = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        body: "",
        events,
        next: (match, within, from = 0) =>
          new Promise((found, fail) => {
            const check = () => {
              const event = events.slice(from).find(match);
              if (!event) return false;
              waiters.delete(check);
              clearTimeout(timer);
              found(event);
              return true;
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`no matching event within ${within} ms; got ${JSON.stringify(events)}`));
            }, within);
            if (!check()) waiters.add(check);
          }),
        close: () => req.destroy(),
      };
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        if (!/event-stream/.test(String(res.headers["content-type"]))) {
          stream.body += chunk;
          return;
        }
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: StreamEvent = { event: "message", data: "" };
          let hasData = false;
          for (const line of block.split("\n")) {
            const [field, ...rest] = line.split(":");
            const value = rest.join(":").replace(/^ /, "");
            if (field === "id") event.id = value;
            if (field === "event") event.event = value;
            if (field === "data") {
              event.data += value;
              hasData = true;
            }
          }
          if (hasData) events.push(event);
          for (const waiter of [...waiters]) waiter();
        }
      });
      res.on("error", () => {});
      if (!/event-stream/.test(String(res.headers["content-type"]))) res.on("end", () => resolve(stream));
      else resolve(stream);
    });
    req.end();
  });
}

/** What a stream sends within `ms` (for the security sweep: whatever it is, it must hold nothing foreign). */
export async function streamFor(host: string, path: string, ms: number, headers: Record<string, string> = {}): Promise<HttpResponse> {
  const stream = await openStream(host, path, { headers });
  if (/event-stream/.test(String(stream.headers["content-type"]))) await new Promise((resolve) => setTimeout(resolve, ms));
  stream.close();
  const body = stream.body + stream.events.map((e) => e.data).join("\n");
  return { status: stream.status, headers: stream.headers, body, json: () => JSON.parse(body) };
}
