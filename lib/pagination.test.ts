import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { parsePageQuery } from "@/lib/api/pagination";
import { clampPage, pageCount, pageFromParam, pageOffset } from "@/lib/pagination";

describe("the page parameter", () => {
  it.each([
    [undefined, 1],
    ["3", 3],
    ["03", 3],
    [["2", "5"], 2],
    ["1000000", 1_000_000],
  ])("on a web page, %j is page %d", (raw, page) => {
    expect(pageFromParam(raw)).toBe(page);
  });

  // The pages fall back to page 1 for exactly what the API refuses with a 400.
  it.each(["2e0", "2.0", " 2", "0x2", "+2", "-2", "0", "", "abc", "1000001", "99999999999"])("%j is page 1, and a 400 in the API", (raw) => {
    expect(pageFromParam(raw)).toBe(1);
    expect(() => parsePageQuery(new URLSearchParams({ page: raw }))).toThrow(ApiError);
  });

  it("reads a page number the same in the API", () => {
    for (const raw of ["1", "3", "03", "1000000"]) expect(parsePageQuery(new URLSearchParams({ page: raw })).page).toBe(pageFromParam(raw));
  });
});

describe("page arithmetic", () => {
  it.each([
    // total, size → pages
    [0, 10, 1],
    [10, 10, 1],
    [11, 10, 2],
    [41, 20, 3],
  ])("%d rows by %d make %d pages", (total, size, pages) => {
    expect(pageCount(total, size)).toBe(pages);
  });

  it("shows the last page for one past it, and skips the rows of the pages before", () => {
    expect(clampPage(9, 41, 20)).toBe(3);
    expect(clampPage(2, 41, 20)).toBe(2);
    expect(clampPage(4, 0, 20)).toBe(1);
    expect([pageOffset(1, 20), pageOffset(3, 20)]).toEqual([0, 40]);
  });
});
