import type { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import type { RouteContext, RouteHandler } from "@/lib/api/handler";
import { apiRoute } from "@/lib/api/route";

const ok: RouteHandler = async () => Response.json({ ok: true });
const context: RouteContext = { params: Promise.resolve({ tenant: "thor" }) };

function call(handler: RouteHandler, method: string) {
  return handler(new Request("http://localhost/x", { method }) as unknown as NextRequest, context);
}

describe("apiRoute", () => {
  it("answers unimplemented methods with a JSON 405 and the Allow header", async () => {
    const route = apiRoute("/api/polls/{id}/results", { GET: ok });
    expect((await call(route.GET, "GET")).status).toBe(200);
    for (const method of ["POST", "PUT", "PATCH", "DELETE"] as const) {
      const response = await call(route[method], method);
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
      expect(await response.json()).toEqual({ error: { code: "method_not_allowed", message: `${method} is not allowed here` } });
    }
    const options = await call(route.OPTIONS, "OPTIONS");
    expect([options.status, options.headers.get("allow")]).toEqual([204, "GET, HEAD, OPTIONS"]);
  });

  it("refuses a route whose methods differ from the documented operations", () => {
    expect(() => apiRoute("/api/polls", { GET: ok })).toThrow(/implements GET but documents GET, POST/);
    expect(() => apiRoute("/api/polls/{id}/results", { GET: ok, DELETE: ok })).toThrow();
    expect(() => apiRoute("/api/undocumented", { GET: ok })).toThrow(/documents nothing/);
  });
});
