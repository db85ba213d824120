import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { pageLinks, parsePageQuery, siteOrigin } from "@/lib/api/pagination";

const ORIGIN = "http://thor.localhost:3000";

describe("pagination", () => {
  it("reads page and page_size, with defaults, and refuses anything but small decimals", () => {
    expect(parsePageQuery(new URLSearchParams(""))).toEqual({ page: 1, pageSize: 10 });
    expect(parsePageQuery(new URLSearchParams("page=3&page_size=100&q=x"))).toEqual({ page: 3, pageSize: 100 });
    for (const query of ["page=0", "page=-2", "page=1.5", "page= 1", "page_size=101", "page_size=0", "page_size=0x10", "page=99999999999", "page=1000001"]) {
      expect(() => parsePageQuery(new URLSearchParams(query)), query).toThrow(ApiError);
    }
  });

  it("links to the neighbouring pages on the tenant's origin", () => {
    expect(pageLinks(ORIGIN, "/api/polls", { page: 1, pageSize: 2 }, 5)).toEqual({
      next: `${ORIGIN}/api/polls?page=2&page_size=2`,
      previous: null,
    });
    expect(pageLinks(ORIGIN, "/api/polls", { page: 3, pageSize: 2 }, 5)).toEqual({
      next: null,
      previous: `${ORIGIN}/api/polls?page=2&page_size=2`,
    });
    expect(pageLinks(ORIGIN, "/api/polls", { page: 1, pageSize: 10 }, 0)).toEqual({ next: null, previous: null });
    expect(() => pageLinks(ORIGIN, "/api/polls", { page: 4, pageSize: 2 }, 5)).toThrow(expect.objectContaining({ status: 404 }));
  });

  it("uses https only when a front proxy says so", () => {
    expect(siteOrigin(new Headers(), "thor.localhost:3000")).toBe(ORIGIN);
    expect(siteOrigin(new Headers({ "x-forwarded-proto": "https" }), "thor.example.com")).toBe("https://thor.example.com");
    expect(siteOrigin(new Headers({ "x-forwarded-proto": "gopher" }), "thor.example.com")).toBe("http://thor.example.com");
  });
});
