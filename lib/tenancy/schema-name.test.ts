import { describe, expect, it } from "vitest";
import { checkSlug, quoteIdent } from "@/lib/tenancy/schema-name";

describe("checkSlug", () => {
  it.each(["thor", "potter", "a", "c2", "team_42", "x".repeat(63)])("accepts %j", (slug) => {
    expect(checkSlug(slug)).toEqual({ ok: true, slug });
  });

  it.each([
    ['a"; drop schema public; --', "lowercase letter"],
    ["pg_x", "pg_"],
    ["public", "reserved"],
    ["information_schema", "reserved"],
    ["site", "reserved"],
    ["Select", "lowercase letter"],
    ["C2", "lowercase letter"],
    ["x".repeat(64), "at most 63"],
    ["", "required"],
    ["2fast", "lowercase letter"],
    ["with-dash", "lowercase letter"],
    ["ünïcode", "lowercase letter"],
  ])("refuses %j", (slug, reason) => {
    const result = checkSlug(slug);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.message).toContain(reason);
  });
});

describe("quoteIdent", () => {
  it("doubles embedded quotes so a name can never end the identifier", () => {
    expect(quoteIdent("thor")).toBe('"thor"');
    expect(quoteIdent('a"; drop schema public; --')).toBe('"a""; drop schema public; --"');
  });
});
