// `npm run sqlmap`: sqlmap (the Debian package) against every parameter of the JSON API, on a production
// build with its own scratch database: path ids, page/page_size, the login, sign-up, poll and vote bodies.
// Level 1, risk 1, boolean/error/union techniques against PostgreSQL. Exits 1 if anything is injectable.
// Environment: BENCH_PORT (3601), SQLMAP_TECHNIQUES (BEU), BENCH_DATABASE_URL.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createApiToken } from "@/lib/auth/tokens";
import { closePools } from "@/lib/db/pools";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { runBenchmark } from "./lib/bench";
import { BENCH_PORT, ensureBuild, hostOf, provisionTenants, slugOf, startServer } from "./lib/server";

type Target = { name: string; url: string; method?: "POST"; data?: string; params?: string; token?: boolean };

const techniques = process.env.SQLMAP_TECHNIQUES ?? "BEU";

if (spawnSync("sqlmap", ["--version"]).status !== 0) {
  console.error("sqlmap is not installed (apt-get install -y sqlmap)");
  process.exit(1);
}
ensureBuild();

runBenchmark(async (scratch) => {
  await provisionTenants(0, 1, { seeded: 1 });
  const db = tenantDb({ slug: slugOf(0), databaseUrl: null });
  const admin = await db.user.findFirstOrThrow({ where: { role: "admin" }, select: { id: true } });
  const token = await createApiToken(db, admin.id);
  const poll = await db.poll.findFirstOrThrow({ select: { id: true, choices: { select: { id: true }, take: 1 } } });
  await closePools();

  const base = `http://127.0.0.1:${BENCH_PORT}`;
  const targets: Target[] = [
    { name: "poll id in the path", url: `${base}/api/polls/${poll.id}*` },
    { name: "poll id in the results path", url: `${base}/api/polls/${poll.id}*/results` },
    { name: "page and page_size", url: `${base}/api/polls?page=1&page_size=5`, params: "page,page_size" },
    { name: "choice id in the vote path", url: `${base}/api/polls/${poll.id}/choices/${poll.choices[0].id}*/vote`, method: "POST", data: "{}", token: true },
    { name: "login body", url: `${base}/api/login`, method: "POST", data: '{"username":"admin","password":"not-the-password"}' },
    { name: "sign-up body", url: `${base}/api/users`, method: "POST", data: '{"username":"probe","email":"probe@example.com","password":"probe-password-1"}' },
    { name: "new poll body", url: `${base}/api/polls`, method: "POST", data: '{"question":"Probe?","choices":["a","b"]}', token: true },
  ];

  const server = await startServer(scratch.url);
  const outputDir = mkdtempSync(path.join(tmpdir(), "polls-sqlmap-"));
  let injectable = 0;
  try {
    for (const target of targets) {
      const args = [
        "-u", target.url,
        "--host", hostOf(slugOf(0)),
        "--batch", "--level", "1", "--risk", "1", "--dbms", "PostgreSQL", `--technique=${techniques}`,
        "--flush-session", "--output-dir", outputDir, "--disable-coloring",
        // 4xx answers are the API refusing bad input: sqlmap must keep testing through them.
        "--ignore-code", "400,401,404,409,429",
      ];
      if (target.method) args.push("--method", target.method);
      if (target.data) args.push("--data", target.data);
      if (target.params) args.push("-p", target.params);
      const headers = [target.data ? "Content-Type: application/json" : "", target.token ? `Authorization: Token ${token}` : ""].filter(Boolean);
      if (headers.length) args.push("--headers", headers.join("\n"));
      const started = Date.now();
      const run = spawnSync("sqlmap", args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      const output = `${run.stdout}${run.stderr}`;
      const found = /is vulnerable|sqlmap identified the following injection point/.test(output);
      const clean = /do not appear to be injectable|does not seem to be injectable/.test(output);
      if (found) injectable += 1;
      const verdict = found ? "INJECTABLE" : clean ? "not injectable" : "inconclusive";
      const tests = output.split("\n").filter((line) => /\[INFO\] testing '/.test(line)).length;
      console.log(`  ${target.name.padEnd(30)} ${verdict.padEnd(16)} ${String(tests).padStart(3)} tests  ${((Date.now() - started) / 1000).toFixed(1)} s`);
      if (process.env.SQLMAP_VERBOSE) console.log(output);
      if (found || !clean) console.log(output.split("\n").filter((line) => /\[(CRITICAL|WARNING|ERROR|INFO)\]/.test(line)).slice(-15).join("\n"));
      if (!found && !clean) process.exitCode = 1;
    }
  } finally {
    await server.stop();
    rmSync(outputDir, { recursive: true, force: true });
  }
  console.log(injectable ? `${injectable} injectable parameter(s) found` : "no injectable parameter found");
  if (injectable) process.exitCode = 1;
});
