// Plain HTTP to the app on any host name. Node's resolver does not know `*.localhost` and fetch()
// drops a hand-set Host header, so requests go to 127.0.0.1 with the Host header set explicitly.
import http from "node:http";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);

export type HttpResponse = { status: number; headers: http.IncomingHttpHeaders; body: string; json: <T = unknown>() => T };

export function hostOf(name: string): string {
  return `${name}:${E2E_PORT}`;
}

export function request(
  host: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; port?: number } = {},
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: options.port ?? E2E_PORT, path, method: options.method ?? "GET", headers: { host, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
        });
      },
    );
    req.on("error", reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** The `name=value` pairs a response's Set-Cookie headers set, in order, without their attributes. */
export function setCookiePairs(headers: http.IncomingHttpHeaders): string[] {
  return (headers["set-cookie"] ?? []).map((line) => line.split(";")[0]);
}

/** A `name=value` cookie pair split at its first `=` (a value may hold more). */
export function splitCookiePair(pair: string): [string, string] {
  const at = pair.indexOf("=");
  return [pair.slice(0, at), pair.slice(at + 1)];
}
