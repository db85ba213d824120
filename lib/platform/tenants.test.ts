import { describe, expect, it } from "vitest";
import { pageWindow } from "@/lib/platform/tenants";

describe("pages of the tenants table", () => {
  it.each([
    // requested, total, size → page, pageCount, skip
    [1, 0, 20, 1, 1, 0],
    [1, 20, 20, 1, 1, 0],
    [2, 21, 20, 2, 2, 20],
    [3, 41, 20, 3, 3, 40],
    [9, 41, 20, 3, 3, 40], // past the end: the last page
    [0, 41, 20, 1, 3, 0],
    [-4, 41, 20, 1, 3, 0],
    [Number.NaN, 41, 20, 1, 3, 0],
  ])("page %d of %d tenants by %d", (requested, total, size, page, pageCount, skip) => {
    expect(pageWindow(requested, total, size)).toEqual({ page, pageCount, skip, take: size });
  });
});
