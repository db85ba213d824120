// The tenancy core's surface, entry point by entry point (decision 041): each name has one home, and
// lib/tenancy/README.md documents exactly what each entry point exports, so the guide for another app
// cannot drift from the code.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENTRY_POINTS, entryPointNames } from "./entry-points";

const TENANCY = path.resolve(__dirname, "../lib/tenancy");

/** The names each `### \`@/lib/tenancy…\`` section's table documents: every backticked name in its first column. */
function documentedNames(readme: string): Record<string, string[]> {
  const sections: Record<string, Set<string>> = {};
  let current: Set<string> | null = null;
  for (const line of readme.split("\n")) {
    const heading = line.match(/^#+ /) ? line.match(/^### `(@\/lib\/tenancy[^`]*)`/) : undefined;
    if (heading !== undefined) current = heading ? (sections[heading[1]] = new Set()) : null;
    else if (current && line.startsWith("|") && !/^\|\s*(name\s*\||-)/.test(line)) {
      const firstCell = line.split("|")[1];
      for (const [, code] of firstCell.matchAll(/`([^`]+)`/g)) current.add(code.match(/^[A-Za-z_$][\w$]*/)![0]);
    }
  }
  return Object.fromEntries(Object.entries(sections).map(([specifier, names]) => [specifier, [...names].sort()]));
}

describe("the tenancy core's entry points", () => {
  const exported = entryPointNames(TENANCY);

  it("give every name one home", () => {
    console.log(Object.entries(exported).map(([specifier, names]) => `${specifier}: ${names.length} names`).join("\n"));
    const homes = new Map<string, string[]>();
    for (const [specifier, names] of Object.entries(exported)) for (const name of names) homes.set(name, [...(homes.get(name) ?? []), specifier]);
    expect([...homes].filter(([, specifiers]) => specifiers.length > 1)).toEqual([]);
  });

  it("are documented name for name in lib/tenancy/README.md", () => {
    const documented = documentedNames(readFileSync(path.join(TENANCY, "README.md"), "utf8"));
    expect(Object.keys(documented).sort()).toEqual(Object.keys(ENTRY_POINTS).sort());
    expect(documented).toEqual(exported);
  });

  it("reads a README section's table, first column only", () => {
    const readme = [
      "### `@/lib/tenancy/x` — a job",
      "| name | what it is |",
      "|---|---|",
      "| `a(b)`, `B` | uses `notThis` |",
      "## Elsewhere",
      "| `notThisEither` | x |",
    ].join("\n");
    expect(documentedNames(readme)).toEqual({ "@/lib/tenancy/x": ["B", "a"] });
  });
});
