// `npm run bench:portability`: export, import, clone and move of a tenant with 10,000 users and 100,000
// votes, each run as the `tenants` CLI a user would run (wall time and the CLI's peak RSS, from
// /usr/bin/time), and provisioning from a template (`clone --schema-only`) against `createTenant`.
// The move goes to a second embedded PostgreSQL and back; its maintenance window is the CLI's own report.
//   BENCH_USERS (10000), BENCH_VOTES (100000), BENCH_PROVISION_SAMPLES (10)
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { poolFor } from "@/lib/db/pools";
import { defaultServerUrl } from "@/lib/db/public-db";
import { createTenant } from "@/lib/tenancy/manage";
import { cloneTenant } from "@/lib/tenancy/operations";
import { median, ms, runBenchmark, time } from "./lib/bench";

const run = promisify(execFile);
const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const VOTES = Number(process.env.BENCH_VOTES ?? 100_000);
const PROVISION_SAMPLES = Number(process.env.BENCH_PROVISION_SAMPLES ?? 10);

/** Runs `bin/tenants …` under /usr/bin/time: wall ms, peak RSS in MB, and what it printed. */
async function tenantsCli(args: string[]): Promise<{ ms: number; rssMb: number; stdout: string }> {
  const started = performance.now();
  const { stdout, stderr } = await run("/usr/bin/time", ["-f", "maxrss=%M", process.execPath, "bin/tenants", ...args], {
    env: { ...process.env, DIRECT_URL: "" },
    maxBuffer: 16 * 1024 * 1024,
  });
  const rss = Number(/maxrss=(\d+)/.exec(stderr)?.[1] ?? NaN) / 1024;
  return { ms: performance.now() - started, rssMb: rss, stdout: stdout.trim() };
}

/** A tenant of USERS users, 100 polls of 4 choices, and VOTES votes (each user on VOTES / USERS polls). */
async function seedLargeTenant(slug: string): Promise<void> {
  await createTenant({ slug, name: "Bench source" });
  const q = (sql: string) => poolFor(defaultServerUrl()).query(sql.replaceAll("$s", `"${slug}"`));
  await q(`INSERT INTO $s."User" (username, email, "passwordHash", role)
           SELECT 'user' || i, 'user' || i || '@example.com', 'scrypt$bench$' || md5(i::text), 'voter' FROM generate_series(1, ${USERS}) i`);
  await q(`INSERT INTO $s."Poll" (question, "createdById") SELECT 'Question ' || p, 1 FROM generate_series(1, 100) p`);
  await q(`INSERT INTO $s."Choice" ("pollId", "choiceText") SELECT p, 'Choice ' || c FROM generate_series(1, 100) p, generate_series(1, 4) c ORDER BY p, c`);
  const pollsPerUser = Math.ceil(VOTES / USERS);
  await q(`INSERT INTO $s."Vote" ("choiceId", "pollId", "votedById")
           SELECT (p - 1) * 4 + 1 + (u % 4), p, u FROM generate_series(1, ${pollsPerUser}) p, generate_series(1, ${USERS}) u
           LIMIT ${VOTES}`);
}

runBenchmark(async (scratch) => {
  const dir = mkdtempSync(path.join(tmpdir(), "polls-bench-portability-"));
  const secondDir = mkdtempSync(path.join(tmpdir(), "polls-bench-pg2-"));
  const second = await startEmbeddedPostgres({ dataDir: secondDir, database: "polls_bench_second" });
  try {
    process.env.DIRECT_URL = "";
    const seeded = await time(() => seedLargeTenant("bench_src"));
    const file = path.join(dir, "bench_src.polls-export");

    const exported = await tenantsCli(["export", "bench_src", "--out", file]);
    const imported = await tenantsCli(["import", file, "bench_imported"]);
    const cloned = await tenantsCli(["clone", "bench_src", "bench_clone"]);
    const movedThere = await tenantsCli(["move", "bench_src", "--to", second.url]);
    const movedBack = await tenantsCli(["move", "bench_src", "--to", "default"]);
    const windowOf = (stdout: string) => /in maintenance for (\d+) ms/.exec(stdout)?.[1] ?? "?";

    // Provisioning: createTenant against a schema-only clone of a template tenant, in-process.
    await createTenant({ slug: "template", name: "Template" });
    for (let i = 0; i < 2; i++) {
      await createTenant({ slug: `warm_create_${i}`, name: "warm-up" });
      await cloneTenant("template", `warm_clone_${i}`, { schemaOnly: true });
    }
    const creates: number[] = [];
    const clones: number[] = [];
    for (let i = 0; i < PROVISION_SAMPLES; i++) {
      creates.push((await time(() => createTenant({ slug: `created_${i}`, name: "bench" }))).ms);
      clones.push((await time(() => cloneTenant("template", `cloned_${i}`, { schemaOnly: true }))).ms);
    }

    const row = (what: string, r: { ms: number; rssMb: number }, extra = "") =>
      `  ${what.padEnd(40)} ${ms(r.ms).padStart(9)}   peak RSS ${r.rssMb.toFixed(0).padStart(4)} MB${extra}`;
    console.log(`
portability of one tenant: ${USERS.toLocaleString("en")} users, 100 polls, 400 choices, ${VOTES.toLocaleString("en")} votes
(seeded in ${ms(seeded.ms)}; each operation is one \`node bin/tenants …\` process: wall time including node's start, its peak RSS)
${row("export (gzip tar of COPY files)", exported, `   file ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB`)}
${row("import (checked, then one transaction)", imported)}
${row("clone (one repeatable-read transaction)", cloned)}
${row(`move to a second server`, movedThere, `   maintenance window ${windowOf(movedThere.stdout)} ms`)}
${row(`move back (--to default)`, movedBack, `   maintenance window ${windowOf(movedBack.stdout)} ms`)}
  (each move includes the ${"6 s"} wait before the old schema is dropped, for other instances' caches)

provisioning, in-process, median of ${PROVISION_SAMPLES}
  createTenant (schema by the migrations)       ${ms(median(creates))}
  clone --schema-only of a template tenant      ${ms(median(clones))}

database: ${scratch.describe}; second server: embedded PostgreSQL`);
  } finally {
    await second.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
    rmSync(secondDir, { recursive: true, force: true });
  }
});
