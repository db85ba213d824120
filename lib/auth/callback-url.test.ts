import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-url";

describe("safeCallbackPath", () => {
  it("keeps a path on this host, with its query and fragment", () => {
    expect(safeCallbackPath("/polls/3")).toBe("/polls/3");
    expect(safeCallbackPath("/admin/polls?page=2#top")).toBe("/admin/polls?page=2#top");
  });

  it.each([
    "https://evil.example/",
    "//evil.example/x",
    "/\\evil.example",
    "/\t/evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "/.//evil.example",
    "/a/..//evil.example",
    "/%2e//evil.example",
    "/./%2e/..//evil.example/x?y=1",
    "polls/3",
    "",
  ])("refuses %j", (raw) => {
    expect(safeCallbackPath(raw)).toBe("/");
  });

  it("refuses what is not a single string", () => {
    expect(safeCallbackPath(["/a", "/b"])).toBe("/");
    expect(safeCallbackPath(undefined, "/polls")).toBe("/polls");
  });
});
