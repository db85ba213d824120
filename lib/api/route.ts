// A route file's exports: the handlers it implements, and a JSON 405 with an `Allow` header for
// every other method (Next's own 405 has no body). The implemented methods must be exactly the
// documented ones, so a route missing from the OpenAPI document fails the build.
import "server-only";
import { ApiError, errorResponse } from "@/lib/api/errors";
import type { RouteHandler } from "@/lib/api/handler";
import { documentedMethods, HTTP_METHODS, type HttpMethod } from "@/lib/api/operations";

export type RouteExports = Record<HttpMethod | "OPTIONS", RouteHandler>;

export function apiRoute(path: string, handlers: Partial<Record<HttpMethod, RouteHandler>>): RouteExports {
  const implemented = HTTP_METHODS.filter((method) => handlers[method]);
  const documented = documentedMethods(path);
  if (implemented.join() !== documented.join()) {
    throw new Error(`${path} implements ${implemented.join(", ") || "nothing"} but documents ${documented.join(", ") || "nothing"}`);
  }
  const allow = allowHeader(implemented);
  const notAllowed: RouteHandler = async (request) =>
    errorResponse(new ApiError("method_not_allowed", `${request.method} is not allowed here`, undefined, { Allow: allow }));
  // Next would answer OPTIONS itself, listing every exported method, 405 stubs included.
  const options: RouteHandler = async () => new Response(null, { status: 204, headers: { Allow: allow } });
  const exports = Object.fromEntries(HTTP_METHODS.map((method) => [method, handlers[method] ?? notAllowed]));
  return { ...exports, OPTIONS: options } as RouteExports;
}

function allowHeader(methods: HttpMethod[]): string {
  const all: string[] = [...methods];
  if (methods.includes("GET")) all.splice(1, 0, "HEAD");
  return [...all, "OPTIONS"].join(", ");
}
