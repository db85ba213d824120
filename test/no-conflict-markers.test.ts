// No file the repository tracks keeps a merge's conflict markers: a README or a module with a
// half-resolved merge reads as nonsense, and Markdown and comments compile either way.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const MARKER = /^(<{7}|>{7})( |$)|^={7}$/m;

function trackedFiles(): string[] | null {
  try {
    return execFileSync("git", ["ls-files", "-z"], { encoding: "utf8" }).split("\0").filter(Boolean);
  } catch {
    return null;
  }
}

describe("merge conflict markers", () => {
  const files = trackedFiles();

  it.skipIf(!files)("are in no tracked file (outside a git checkout there is nothing to list)", () => {
    const marked = files!.filter((file) => {
      try {
        return MARKER.test(readFileSync(file, "utf8"));
      } catch {
        return false; // a file deleted in the working tree
      }
    });
    expect(marked).toEqual([]);
  });

  it("the pattern finds each kind of marker, and not a Markdown rule or a heading underline", () => {
    expect(MARKER.test("a\n<<<<<<< HEAD\nb")).toBe(true);
    expect(MARKER.test("a\n=======\nb")).toBe(true);
    expect(MARKER.test("a\n>>>>>>> consoles\nb")).toBe(true);
    expect(MARKER.test("Title\n========\n---\n")).toBe(false);
  });
});
