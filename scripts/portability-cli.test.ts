// The portability commands of the tenants CLI, spawned for real on a registry database of their own:
// what a user sees (one line, a non-zero exit) when a command is refused, and that nothing was created.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOneLineError, runCli } from "@/test/cli";
import { createScratchRegistry, type ScratchRegistry } from "@/test/scratch-registry";

let registry: ScratchRegistry;
let dir: string;
const tenants = (...args: string[]) => runCli("tenants", args, { ...registry.env });

async function state() {
  const { rows } = await registry.pool.query<{ tenants: number; schemas: number }>(
    `SELECT (SELECT count(*)::int FROM public."Tenant") AS tenants, (SELECT count(*)::int FROM pg_namespace) AS schemas`,
  );
  return rows[0];
}

beforeAll(async () => {
  registry = await createScratchRegistry("portability_cli");
  dir = mkdtempSync(path.join(tmpdir(), "polls-portability-cli-"));
  expect((await tenants("create", "asgard")).code).toBe(0);
  expect((await tenants("create", "vanaheim")).code).toBe(0);
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await registry.drop();
});

describe("tenants CLI: clone, export, import, move, down and up", () => {
  it("clones, exports and imports, and says so in one line each; the copies keep the branding", async () => {
    const branding = ["Realm of the gods", "#7c3aed", "/brand/asgard.svg"];
    await registry.pool.query(`UPDATE public."Tenant" SET description = $1, "accentColor" = $2, "logoUrl" = $3 WHERE slug = 'asgard'`, branding);
    expect((await tenants("clone", "asgard", "asgard_copy")).stdout).toMatch(/^cloned asgard to "asgard_copy" \(its schema and data\)/);
    const file = path.join(dir, "asgard.polls-export");
    expect((await tenants("export", "asgard", "--out", file)).stdout).toMatch(/^exported asgard to .*: 5 tables, 0 rows, \d+ migrations/);
    expect((await tenants("import", file, "asgard_again")).stdout).toMatch(/^imported .* as tenant "asgard_again"/);
    const { rows: copies } = await registry.pool.query(
      `SELECT slug, description, "accentColor", "logoUrl" FROM public."Tenant" WHERE slug IN ('asgard_copy', 'asgard_again') ORDER BY slug`,
    );
    expect(copies.map((row) => Object.values(row))).toEqual([["asgard_again", ...branding], ["asgard_copy", ...branding]]);
    expect((await tenants("down", "asgard", "--message", "Back soon")).code).toBe(0);
    const { rows } = await registry.pool.query(`SELECT "maintenanceMessage" FROM public."Tenant" WHERE slug = 'asgard'`);
    expect(rows).toEqual([{ maintenanceMessage: "Back soon" }]);
    expect((await tenants("up", "asgard")).code).toBe(0);
  });

  it("refuses a clone to a slug that is taken, creating nothing", async () => {
    const before = await state();
    expect(expectOneLineError(await tenants("clone", "asgard", "vanaheim"))).toBe('error: The slug "vanaheim" is already taken');
    expect(await state()).toEqual(before);
  });

  it("refuses an import whose manifest was tampered with, creating nothing", async () => {
    const file = path.join(dir, "tamper.polls-export");
    expect((await tenants("export", "asgard", "--out", file)).code).toBe(0);
    const root = path.join(dir, "tamper");
    execFileSync("mkdir", ["-p", root]);
    execFileSync("tar", ["xzf", file, "-C", root]);
    const manifest = JSON.parse(readFileSync(path.join(root, "manifest.json"), "utf8"));
    manifest.tables[0].sha256 = "0".repeat(64);
    writeFileSync(path.join(root, "manifest.json"), JSON.stringify(manifest));
    const tampered = path.join(dir, "tampered.polls-export");
    execFileSync("tar", ["czf", tampered, "-C", root, "--format=ustar", "manifest.json", "data"]);
    const before = await state();
    expect(expectOneLineError(await tenants("import", tampered, "intruder"))).toMatch(
      /^error: table User: its data does not match the manifest's sha256 \(damaged or altered\)$/,
    );
    expect(await state()).toEqual(before);
  });

  it("refuses a move to a server it cannot reach, changing nothing", async () => {
    const before = await state();
    const line = expectOneLineError(await tenants("move", "asgard", "--to", "postgresql://postgres@127.0.0.1:1/nowhere"));
    expect(line).toBe("error: cannot reach postgresql://postgres@127.0.0.1:1/nowhere: ECONNREFUSED");
    expect(await state()).toEqual(before);
    const { rows } = await registry.pool.query(`SELECT "databaseUrl", "maintenanceSince" FROM public."Tenant" WHERE slug = 'asgard'`);
    expect(rows).toEqual([{ databaseUrl: null, maintenanceSince: null }]);
  });

  it("refuses an export over an existing file and an unknown tenant's export", async () => {
    const taken = path.join(dir, "taken");
    writeFileSync(taken, "mine");
    expect(expectOneLineError(await tenants("export", "asgard", "--out", taken))).toBe(`error: ${taken} already exists: choose another --out`);
    expect(readFileSync(taken, "utf8")).toBe("mine");
    expect(expectOneLineError(await tenants("export", "nowhere", "--out", path.join(dir, "x")))).toBe('error: No tenant "nowhere"');
  });
});
