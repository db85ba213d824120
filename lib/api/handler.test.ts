import { describe, expect, it } from "vitest";
import { isSameOrigin } from "@/lib/api/handler";

describe("isSameOrigin", () => {
  const host = "thor.localhost:3000";

  it("accepts only an Origin on exactly the routed host and port", () => {
    expect(isSameOrigin("http://thor.localhost:3000", host)).toBe(true);
    expect(isSameOrigin("https://THOR.localhost:3000", host)).toBe(true);
    for (const origin of [
      null,
      "",
      "null",
      "http://potter.localhost:3000",
      "http://thor.localhost:3001",
      "http://thor.localhost",
      "http://thor.localhost:3000.evil.example",
      "http://evil.example/thor.localhost:3000",
      "not a url",
    ]) {
      expect(isSameOrigin(origin, host), String(origin)).toBe(false);
    }
    expect(isSameOrigin("http://thor.localhost:3000", "")).toBe(false);
  });
});
