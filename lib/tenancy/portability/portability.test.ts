// Clone, export and import: every row of every table arrives identical (per-table row counts and
// checksums compared), ids continue after the copied ones, and whatever is refused creates nothing.
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import type { PoolClient } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closePools, poolFor } from "@/lib/db/pools";
import { defaultServerUrl } from "@/lib/db/public-db";
import { applyMigrationsInTransaction } from "@/lib/db/migrations";
import { tenantMigrations } from "@/lib/tenancy/migrate";
import { addDomain, updateTenantBranding } from "@/lib/tenancy/lifecycle";
import { findTenantBySlug, type Tenant } from "@/lib/tenancy/registry";
import { tenantDb, type TenantDb } from "@/lib/tenancy/tenant-db";
import { cloneTenant } from "@/lib/tenancy/portability/clone";
import { exportTenant } from "@/lib/tenancy/portability/export";
import { importTenant } from "@/lib/tenancy/portability/import";
import { appliedMigrations, readTables, tableChecksums, type TableInfo } from "@/lib/tenancy/portability/tables";
import { createTestTenant, dropTestTenant, uniqueSlug } from "@/test/tenants";

const pool = () => poolFor(defaultServerUrl());
const made: Tenant[] = [];
let dir: string;

/** Users, polls, choices, votes and a token, with awkward text (tabs, newlines, backslashes, quotes, emoji). */
async function fill(db: TenantDb): Promise<void> {
  const users = await db.user.createManyAndReturn({
    data: Array.from({ length: 12 }, (_, i) => ({ username: `user${i}`, email: `u${i}@example.com`, passwordHash: `hash\t${i}\\n"'`, role: i ? "voter" : "admin" })),
    select: { id: true },
  });
  for (let p = 0; p < 3; p++) {
    const poll = await db.poll.create({
      data: { question: `Line one\nline two 🗳️ ${p}`, createdById: users[0].id, choices: { create: [{ choiceText: "A\tB" }, { choiceText: "C\\D" }] } },
      select: { id: true, choices: { select: { id: true } } },
    });
    await db.vote.createMany({ data: users.map((u, i) => ({ pollId: poll.id, choiceId: poll.choices[i % 2].id, votedById: u.id })) });
  }
  await db.apiToken.create({ data: { keyHash: "k".repeat(64), userId: users[1].id } });
  await db.vote.deleteMany({ where: { votedById: users[11].id } }); // ids with gaps, like a real tenant's
}

/** What `fill` makes, in the columns the first migrations had: users, a poll with two choices, votes and a token. */
async function fillAtFirstState(client: PoolClient, slug: string): Promise<void> {
  const q = (table: string) => `${slug}."${table}"`;
  const { rows: users } = await client.query<{ id: number }>(
    `INSERT INTO ${q("User")} (username, email, "passwordHash", role)
     SELECT 'user' || i, 'u' || i || '@example.com', $1 || i, CASE WHEN i = 0 THEN 'admin' ELSE 'voter' END
       FROM generate_series(0, 11) i ORDER BY i RETURNING id`,
    ['hash\t\\n"\''],
  );
  const { rows: [poll] } = await client.query<{ id: number }>(
    `INSERT INTO ${q("Poll")} (question, "createdById") VALUES ($1, $2) RETURNING id`,
    ["Line one\nline two 🗳️", users[0].id],
  );
  const { rows: choices } = await client.query<{ id: number }>(
    `INSERT INTO ${q("Choice")} ("pollId", "choiceText") VALUES ($1, $2), ($1, $3) RETURNING id`,
    [poll.id, "A\tB", "C\\D"],
  );
  for (const [i, user] of users.entries()) {
    await client.query(`INSERT INTO ${q("Vote")} ("choiceId", "pollId", "votedById") VALUES ($1, $2, $3)`, [choices[i % 2].id, poll.id, user.id]);
  }
  await client.query(`INSERT INTO ${q("ApiToken")} ("keyHash", "userId") VALUES ($1, $2)`, ["k".repeat(64), users[1].id]);
}

/** Per-table row counts and checksums over the given tables' columns only. */
async function checksumsOver(client: PoolClient, slug: string, tables: TableInfo[]) {
  const sums = [];
  for (const table of tables) {
    const columns = table.columns.map((c) => `t."${c}"`).join(", ");
    const { rows: [row] } = await client.query<{ rows: string; checksum: string }>(
      `SELECT count(*)::text AS rows, md5(coalesce(string_agg(md5(ROW(${columns})::text), '' ORDER BY t."${table.primaryKey}"), '')) AS checksum
         FROM ${slug}."${table.name}" t`,
    );
    sums.push({ table: table.name, ...row });
  }
  return sums;
}

async function checksums(slug: string) {
  const client = await pool().connect();
  try {
    return await tableChecksums(client, slug, await readTables(client, slug));
  } finally {
    client.release();
  }
}

async function counts() {
  const { rows } = await pool().query<{ tenants: string; schemas: string }>(
    `SELECT (SELECT count(*) FROM public."Tenant") AS tenants, (SELECT count(*) FROM pg_namespace) AS schemas`,
  );
  return rows[0];
}

async function exportTo(slug: string, file: string) {
  const out = createWriteStream(file);
  const manifest = await exportTenant(slug, out);
  if (!out.writableFinished) await once(out, "finish");
  return manifest;
}

function track(tenant: Tenant): Tenant {
  made.push(tenant);
  return tenant;
}

let source: Tenant;
const BRANDING = { description: "Realm of the gods", accentColor: "#7c3aed", logoUrl: "https://cdn.example.com/asgard.png" };
const DEFAULT_BRANDING = { description: "", accentColor: null, logoUrl: null };

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "polls-portability-"));
  const created = await createTestTenant({ name: "Asgard" });
  source = track(created.tenant);
  await fill(created.db);
  source = await updateTenantBranding(source.slug, { name: "Asgard", ...BRANDING });
  await addDomain(source.slug, `${source.slug.replaceAll("_", "-")}.example.com`);
});

afterAll(async () => {
  for (const tenant of made) await dropTestTenant(tenant).catch(() => {});
  rmSync(dir, { recursive: true, force: true });
  await closePools();
});

describe("cloneTenant", () => {
  it("copies every row of every table, with its own registry row, the branding, no domains, and ids that continue", async () => {
    const clone = track(await cloneTenant(source.slug, uniqueSlug("clone")));
    expect(clone.name).toBe("Asgard (copy)");
    expect(await findTenantBySlug(clone.slug)).toMatchObject(BRANDING);
    expect(await checksums(clone.slug)).toEqual(await checksums(source.slug));
    const { rows: domains } = await pool().query(`SELECT 1 FROM public."Domain" WHERE "tenantId" = $1`, [clone.id]);
    expect(domains).toHaveLength(0);
    const client = await pool().connect();
    expect(await appliedMigrations(client, clone.slug)).toEqual(tenantMigrations().map((m) => m.name));
    client.release();

    // A new poll and vote in the copy take fresh ids, and the source does not see them.
    const db = tenantDb(clone);
    const maxPoll = (await db.poll.aggregate({ _max: { id: true } }))._max.id!;
    const poll = await db.poll.create({ data: { question: "New in the clone", createdById: 1, choices: { create: [{ choiceText: "x" }, { choiceText: "y" }] } }, select: { id: true, choices: { select: { id: true } } } });
    expect(poll.id).toBeGreaterThan(maxPoll);
    const vote = await db.vote.create({ data: { pollId: poll.id, choiceId: poll.choices[0].id, votedById: 2 }, select: { id: true } });
    expect(vote.id).toBeGreaterThan((await tenantDb(source).vote.aggregate({ _max: { id: true } }))._max.id!);
    expect(await tenantDb(source).poll.count({ where: { question: "New in the clone" } })).toBe(0);
  });

  it("copies only the schema with --schema-only", async () => {
    const empty = track(await cloneTenant(source.slug, uniqueSlug("tpl"), { schemaOnly: true }));
    expect((await checksums(empty.slug)).map((t) => t.rows)).toEqual([0, 0, 0, 0, 0]);
    expect((await checksums(empty.slug)).map((t) => t.table).sort()).toEqual(["ApiToken", "Choice", "Poll", "User", "Vote"]);
  });

  it("refuses a taken slug, an unknown source and a bad slug, creating nothing", async () => {
    const before = await counts();
    await expect(cloneTenant(source.slug, source.slug)).rejects.toThrow(`The slug "${source.slug}" is already taken`);
    await expect(cloneTenant("no_such_tenant", uniqueSlug())).rejects.toThrow('No tenant "no_such_tenant"');
    await expect(cloneTenant(source.slug, "Bad Slug")).rejects.toThrow(/slug/i);
    expect(await counts()).toEqual(before);
  });
});

describe("export and import", () => {
  it("round-trips every row of every table, the sequences, the name and the branding", async () => {
    const file = path.join(dir, "roundtrip.polls-export");
    const manifest = await exportTo(source.slug, file);
    expect(manifest.tenant).toEqual({ slug: source.slug, name: "Asgard", ...BRANDING });
    expect(manifest.tables.map((t) => t.name)).toEqual(["User", "ApiToken", "Poll", "Choice", "Vote"]);
    expect(execFileSync("tar", ["tzf", file], { encoding: "utf8" }).trim().split("\n")).toEqual([
      "manifest.json",
      ...manifest.tables.map((t) => `data/${t.name}.copy`),
    ]);
    const imported = track(await importTenant(createReadStream(file), uniqueSlug("imported")));
    expect(imported.name).toBe("Asgard");
    expect(await findTenantBySlug(imported.slug)).toMatchObject(BRANDING);
    expect(await checksums(imported.slug)).toEqual(await checksums(source.slug));
    const db = tenantDb(imported);
    const poll = await db.poll.findFirstOrThrow({ orderBy: { id: "asc" }, select: { id: true, choices: { select: { id: true } } } });
    const vote = await db.vote.create({ data: { pollId: poll.id, choiceId: poll.choices[0].id, votedById: 12 }, select: { id: true } });
    expect(vote.id).toBeGreaterThan((await tenantDb(source).vote.aggregate({ _max: { id: true } }))._max.id!);
    const user = await db.user.create({ data: { username: "newcomer", passwordHash: "x" }, select: { id: true } });
    expect(user.id).toBe(13);
  });

  it("imports an export made at an older migration state, then migrates it", async () => {
    const old = track((await createTestTenant({ name: "Old" })).tenant);
    // The state of the first three migrations: today's client writes columns that came later, so rows go in by SQL.
    const earlier = tenantMigrations().slice(0, 3);
    await pool().query(`DROP SCHEMA ${old.slug} CASCADE`);
    const client = await pool().connect();
    await client.query("BEGIN");
    await applyMigrationsInTransaction(client, old.slug, earlier);
    await client.query("COMMIT");
    await fillAtFirstState(client, old.slug);
    const oldTables = await readTables(client, old.slug);
    client.release();
    const file = path.join(dir, "old.polls-export");
    expect((await exportTo(old.slug, file)).migrations).toEqual(earlier.map((m) => m.name));
    const imported = track(await importTenant(createReadStream(file), uniqueSlug("upgraded")));
    const c2 = await pool().connect();
    expect(await appliedMigrations(c2, imported.slug)).toEqual(tenantMigrations().map((m) => m.name));
    // Every row arrived, identical in every column the old state had (later columns hold their defaults).
    expect(await checksumsOver(c2, imported.slug, oldTables)).toEqual(await checksumsOver(c2, old.slug, oldTables));
    c2.release();
  });

  describe("refuses, creating nothing", () => {
    let good: string;
    let unpacked: string;
    beforeAll(async () => {
      good = path.join(dir, "good.polls-export");
      await exportTo(source.slug, good);
      unpacked = path.join(dir, "unpacked");
      execFileSync("mkdir", ["-p", unpacked]);
      execFileSync("tar", ["xzf", good, "-C", unpacked]);
    });

    /** Repacks the unpacked export after `change` edits its files. */
    function tampered(name: string, change: (root: string) => void): string {
      const root = path.join(dir, name);
      execFileSync("cp", ["-r", unpacked, root]);
      change(root);
      const file = path.join(dir, `${name}.polls-export`);
      execFileSync("tar", ["czf", file, "-C", root, "--format=ustar", "manifest.json", "data"]);
      return file;
    }
    type EditableManifest = Record<string, unknown> & { tenant: Record<string, unknown>; tables: { rows: number; sha256: string }[]; migrations: string[] };
    const editManifest = (edit: (m: EditableManifest) => void) => (root: string) => {
      const manifest = JSON.parse(readFileSync(path.join(root, "manifest.json"), "utf8"));
      edit(manifest);
      writeFileSync(path.join(root, "manifest.json"), JSON.stringify(manifest));
    };

    const cases: [string, () => string, RegExp][] = [
      ["a row count changed", () => tampered("count", editManifest((m) => (m.tables[0].rows += 1))), /User: 12 rows where the manifest says 13/],
      ["a data file altered", () => tampered("data", (root) => writeFileSync(path.join(root, "data/Poll.copy"), readFileSync(path.join(root, "data/Poll.copy"), "utf8").replace("line two", "line 2!!"))), /Poll: its data does not match the manifest's sha256/],
      ["a migration from a newer app", () => tampered("newer", editManifest((m) => m.migrations.push("29990101000000_from_the_future"))), /newer version of the app \(migration 29990101000000_from_the_future/],
      ["an unknown format version", () => tampered("version", editManifest((m) => (m.version = 99))), /format version not supported/],
      ["a colour that could end a CSS declaration", () => tampered("colour", editManifest((m) => (m.tenant.accentColor = "red;}"))), /^the export's branding is invalid: accentColor: Use a colour such as #1d4ed8/],
      ["a javascript: logo", () => tampered("logo", editManifest((m) => (m.tenant.logoUrl = "javascript:alert(1)"))), /^the export's branding is invalid: logoUrl: The logo must be served over https:\/\//],
      ["a version 2 manifest without the branding", () => tampered("unbranded", editManifest((m) => delete m.tenant.description)), /^the export's manifest is invalid: tenant\.description: /],
      ["a file that is not an export", () => { const f = path.join(dir, "junk"); writeFileSync(f, "hello"); return f; }, /not a readable tenant export/],
    ];
    it.each(cases)("%s", async (_name, make, message) => {
      const file = make();
      const before = await counts();
      await expect(importTenant(createReadStream(file), uniqueSlug("refused"))).rejects.toThrow(message);
      expect(await counts()).toEqual(before);
    });

    it("(not refused) a version 1 export, made before exports carried the branding: default branding", async () => {
      const v1 = tampered("v1", editManifest((m) => {
        m.version = 1;
        m.tenant = { slug: m.tenant.slug, name: m.tenant.name };
      }));
      const imported = track(await importTenant(createReadStream(v1), uniqueSlug("v1")));
      expect(await findTenantBySlug(imported.slug)).toMatchObject({ name: "Asgard", ...DEFAULT_BRANDING });
      expect(await checksums(imported.slug)).toEqual(await checksums(source.slug));
    });

    it("a slug that is taken", async () => {
      const before = await counts();
      await expect(importTenant(createReadStream(good), source.slug)).rejects.toThrow(`The slug "${source.slug}" is already taken`);
      expect(await counts()).toEqual(before);
      expect(await findTenantBySlug(source.slug)).toMatchObject({ id: source.id });
    });
  });
});
