// `npm run bench:footprint [-- --seconds 20] [--runs 10] [--baseline <git rev>]`: what `npm start` keeps
// resident, and how fast the CLIs start, beside the design before the supervisor/child split (decision 019)
// in the same run. Each design runs from a fresh data folder on the embedded PostgreSQL with a production
// build; the memory of every process in its tree is read from /proc idle after start-up and at its peak
// under load (autocannon on thor's API and poll page). Goal: everything but npm, the Next server and
// PostgreSQL ≤ 60 MB; a CLI started in ≤ 0.25 s.
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { z } from "zod";
import { isAlive } from "@/lib/db/postmaster";
import { median } from "./lib/bench";
import { ensureBuild } from "./lib/server";

const args = z
  .object({
    seconds: z.coerce.number().int().min(1).max(600),
    runs: z.coerce.number().int().min(1).max(100),
    baseline: z.string().min(1),
    port: z.coerce.number().int().min(1024).max(65535),
  })
  .parse(
    parseArgs({
      options: {
        seconds: { type: "string", default: "20" },
        runs: { type: "string", default: "10" },
        // The last commit whose `npm start` migrated, seeded and served from one tsx process.
        baseline: { type: "string", default: "9b8e865" },
        port: { type: "string", default: process.env.BENCH_PORT ?? "3620" },
      },
    }).values,
  );

const ROLES = ["npm", "supervisor", "Next server", "PostgreSQL", "other"] as const;
type Role = (typeof ROLES)[number];
type Usage = Record<Role, { rss: number; pss: number; count: number }>;
type Design = { label: string; command: string[]; dataDir: string; timeClis?: boolean };

const WORK_DIR = path.resolve(".data/bench-footprint");
const GOAL_MB = 60;
const CLI_GOAL_S = 0.25;

async function main() {
  ensureBuild();
  rmSync(WORK_DIR, { recursive: true, force: true });
  const designs: Design[] = [
    { label: `before (${args.baseline}: tsx scripts/start.ts)`, command: ["npm", "exec", "--", "tsx", baselineStartScript()], dataDir: path.join(WORK_DIR, "before") },
    { label: "after (supervisor + prepare child)", command: ["npm", "start"], dataDir: path.join(WORK_DIR, "after"), timeClis: true },
  ];
  const results = [];
  for (const design of designs) results.push(await measureDesign(design));
  printFootprint(designs, results);
  const clis = results.find((r) => r.cliTimes)?.cliTimes;
  if (clis) printCliTimes(clis);
  rmSync(WORK_DIR, { recursive: true, force: true });
}

/** The start script (and its build check) as they were at the baseline, beside this tree's lib/ (unchanged since). */
function baselineStartScript(): string {
  const dir = path.join(WORK_DIR, "baseline", "scripts");
  mkdirSync(path.join(dir, "lib"), { recursive: true });
  for (const file of ["start.ts", "lib/build.ts"]) {
    writeFileSync(path.join(dir, file), execFileSync("git", ["show", `${args.baseline}:scripts/${file}`]));
  }
  return path.join(dir, "start.ts");
}

async function measureDesign(design: Design) {
  console.log(`\n${design.label}: starting on port ${args.port}…`);
  const started = Date.now();
  const child = spawn(design.command[0], design.command.slice(1), {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PORT: String(args.port),
      DATA_DIR: design.dataDir,
      DATABASE_URL: "",
      ROOT_DOMAIN: "localhost",
      DEMO_ADMIN_PASSWORD: "bench-footprint-password",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    detached: true, // its own process group: the stop below is a terminal's Ctrl-C
  });
  await untilAnswering(child);
  const startMs = Date.now() - started;
  await pause(5_000); // settle: the first requests' lazy loading is part of "under load", not "idle"
  const idle = usageOfTree(child.pid!);
  printTree(child.pid!);
  const peak = emptyUsage();
  const sampler = setInterval(() => keepPeak(peak, usageOfTree(child.pid!)), 500);
  const requests = await load();
  clearInterval(sampler);
  keepPeak(peak, usageOfTree(child.pid!));
  // Beside a running `npm start`, as a user runs them: a no-op migrate then reuses its cluster.
  const clis = design.timeClis ? cliTimes(design.dataDir) : undefined;
  const stopped = await stopLikeCtrlC(child, design.dataDir);
  console.log(`  up in ${(startMs / 1000).toFixed(1)} s; ${requests.total} requests under load, ${requests.failed} failed; Ctrl-C: ${stopped}`);
  return { idle, peak, requests, stopped, cliTimes: clis };
}

async function untilAnswering(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 600_000;
  while ((await statusOf("/").catch(() => 0)) === 0) {
    if (child.exitCode !== null) throw new Error(`the start command exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error("the server did not answer within 10 minutes");
    await pause(250);
  }
}

/** The HTTP status of GET `path` on the platform's host (0: nothing listens yet). */
function statusOf(requestPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: "127.0.0.1", port: args.port, path: requestPath, headers: { host: `localhost:${args.port}` } }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    request.on("error", reject);
  });
}

async function load(): Promise<{ total: number; failed: number }> {
  const host = `thor.localhost:${args.port}`;
  const result = await autocannon({
    url: `http://127.0.0.1:${args.port}`,
    connections: 10,
    duration: args.seconds,
    requests: ["/api/polls", "/polls/1"].map((p) => ({ method: "GET", path: p, headers: { host } })),
  });
  return { total: result.requests.total, failed: result.errors + result.timeouts + result.non2xx };
}

/** SIGINT to the whole process group, as a terminal sends it; then: did everything exit, PostgreSQL too? */
async function stopLikeCtrlC(child: ChildProcess, dataDir: string): Promise<string> {
  const postmaster = postmasterPid(dataDir);
  const exited = new Promise<string>((resolve) => child.once("exit", (code, signal) => resolve(signal ?? String(code))));
  process.kill(-child.pid!, "SIGINT");
  const code = await exited;
  const deadline = Date.now() + 15_000;
  while (postmaster && isAlive(postmaster) && Date.now() < deadline) await pause(100);
  const left = postmaster && isAlive(postmaster) ? "PostgreSQL still running" : "everything stopped";
  return `exit ${code}, ${left}`;
}

function postmasterPid(dataDir: string): number | null {
  const file = path.join(dataDir, "postgres", "postmaster.pid");
  return existsSync(file) ? Number(readFileSync(file, "utf8").split("\n")[0]) : null;
}

/** One line per process under `root`: its role, RSS and PSS, and its command line, shortened. */
function printTree(root: number): void {
  for (const pid of descendants(root)) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").replaceAll(process.cwd(), ".").trim();
      if (roleOf(pid) === "PostgreSQL" && !argv.includes(" -D ")) continue; // its backends: summed below
      const rss = kbField(`/proc/${pid}/status`, "VmRSS") / 1024;
      const pss = kbField(`/proc/${pid}/smaps_rollup`, "Pss") / 1024;
      console.log(`  ${roleOf(pid).padEnd(12)}${mb(rss).padStart(5)} MB (${mb(pss)})  ${argv.slice(0, 90)}`);
    } catch {
      // gone
    }
  }
}

/** Every process under `root`, its memory summed by role. */
function usageOfTree(root: number): Usage {
  const usage = emptyUsage();
  for (const pid of descendants(root)) {
    try {
      const role = roleOf(pid);
      usage[role].rss += kbField(`/proc/${pid}/status`, "VmRSS") / 1024;
      usage[role].pss += kbField(`/proc/${pid}/smaps_rollup`, "Pss") / 1024;
      usage[role].count += 1;
    } catch {
      // the process ended while we looked
    }
  }
  return usage;
}

function roleOf(pid: number): Role {
  const comm = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  if (comm === "postgres") return "PostgreSQL";
  if (comm.startsWith("next-server") || argv.some((a) => a.endsWith("next/dist/bin/next"))) return "Next server";
  if (comm.startsWith("npm") || argv.some((a) => a.endsWith("npm-cli.js") || a.endsWith("/bin/npm"))) return "npm";
  // tsx's own launcher (it forks the process that runs the script) is "other"; the script is the supervisor.
  if (argv.some((a) => a === "bin/start" || a.endsWith("/bin/start") || (a.endsWith("start.ts") && argv.some((b) => b.includes("tsx/dist/loader"))))) return "supervisor";
  return "other";
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone
    }
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.pop()!;
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

function kbField(file: string, field: string): number {
  return Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(readFileSync(file, "utf8"))?.[1] ?? 0);
}

function emptyUsage(): Usage {
  return Object.fromEntries(ROLES.map((r) => [r, { rss: 0, pss: 0, count: 0 }])) as Usage;
}

function keepPeak(peak: Usage, sample: Usage): void {
  for (const role of ROLES) {
    peak[role].rss = Math.max(peak[role].rss, sample[role].rss);
    peak[role].pss = Math.max(peak[role].pss, sample[role].pss);
    peak[role].count = Math.max(peak[role].count, sample[role].count);
  }
}

/** The memory outside npm, the Next server and PostgreSQL: what the goal bounds. */
const overhead = (u: Usage, measure: "rss" | "pss") => u.supervisor[measure] + u.other[measure];

function printFootprint(designs: Design[], results: Awaited<ReturnType<typeof measureDesign>>[]) {
  const cell = (u: Usage, role: Role) => (u[role].count ? `${mb(u[role].rss)} (${mb(u[role].pss)})` : "-").padStart(15);
  console.log(`\nnpm start's processes: RSS MB (PSS MB), idle after start-up | peak under ${args.seconds} s of load`);
  for (const [i, design] of designs.entries()) console.log(`  [${i + 1}] ${design.label}`);
  console.log(`  ${"".padEnd(26)}${designs.map((_, i) => `[${i + 1}] idle`.padStart(15) + `[${i + 1}] load`.padStart(15)).join("")}`);
  for (const role of ROLES) {
    const processes = Math.max(...results.map((r) => r.peak[role].count));
    const label = `${role} (${processes} process${processes === 1 ? "" : "es"})`;
    console.log(`  ${label.padEnd(26)}${results.map((r) => cell(r.idle, role) + cell(r.peak, role)).join("")}`);
  }
  const beside = results.map((r) => [r.idle, r.peak].map((u) => `${mb(overhead(u, "rss"))} (${mb(overhead(u, "pss"))})`.padStart(15)).join("")).join("");
  console.log(`  ${"supervisor + other".padEnd(26)}${beside}`);
  const after = results.at(-1)!;
  const met = Math.max(overhead(after.idle, "rss"), overhead(after.peak, "rss")) <= GOAL_MB;
  console.log(`  goal: supervisor + other ≤ ${GOAL_MB} MB after start-up: ${met ? "met" : "NOT met"}`);
  console.log("  (PostgreSQL's RSS counts its shared memory once per process; its PSS shares it out)");
}

type CliTime = { label: string; before: number; after: number; npmBefore: number; npmAfter: number };
type CliTimes = { nodeAlone: number; times: CliTime[] };

/**
 * Median wall time of each CLI invocation: plain node on the bundle vs tsx, each with and without npm. The
 * variants take turns run by run, so a change in the machine's load weighs on all of them alike.
 */
function cliTimes(dataDir: string): CliTimes {
  // A no-op migrate needs a migrated database: the cluster of the running "after" server.
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", NODE_OPTIONS: "" };
  const once = ([command, ...commandArgs]: string[]) => {
    const started = process.hrtime.bigint();
    const result = spawnSync(command, commandArgs, { env, stdio: "ignore" });
    if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(" ")} exited with ${result.status}`);
    return Number(process.hrtime.bigint() - started) / 1e9;
  };
  const medianOf = (commands: string[][]) => {
    const runs: number[][] = commands.map(() => []);
    for (let i = 0; i < args.runs; i++) commands.forEach((command, k) => runs[k].push(once(command)));
    return runs.map(median);
  };
  const cases: [string, "tenants" | "migrate", string[]][] = [
    ["tenants --help", "tenants", ["--help"]],
    ["tenants list", "tenants", ["list"]],
    ["migrate (nothing pending)", "migrate", []],
  ];
  // Node starting and exiting: the floor under every figure, and the gauge of how loaded the machine is.
  const [nodeAlone] = medianOf([[process.execPath, "-e", ""]]);
  const times = cases.map(([label, cli, cliArgs]) => {
    const [before, after, npmBefore, npmAfter] = medianOf([
      ["node_modules/.bin/tsx", `scripts/${cli}.ts`, ...cliArgs],
      [process.execPath, `bin/${cli}`, ...cliArgs],
      ["npm", "exec", "--", "tsx", `scripts/${cli}.ts`, ...cliArgs],
      ["npm", "run", "--silent", cli, "--", ...cliArgs],
    ]);
    return { label, before, after, npmBefore, npmAfter };
  });
  return { nodeAlone, times };
}

function printCliTimes({ nodeAlone, times }: CliTimes) {
  console.log(`\nCLI wall time, median of ${args.runs} runs (s); \`node -e ""\` alone: ${s(nodeAlone)} s`);
  console.log(`  ${"".padEnd(27)}${"tsx".padStart(8)}${"node bin/".padStart(11)}${"npm + tsx".padStart(11)}${"npm run".padStart(9)}`);
  for (const t of times) {
    console.log(`  ${t.label.padEnd(27)}${s(t.before).padStart(8)}${s(t.after).padStart(11)}${s(t.npmBefore).padStart(11)}${s(t.npmAfter).padStart(9)}`);
  }
  const help = times[0];
  console.log(`  goal: a CLI started in ≤ ${CLI_GOAL_S} s (\`--help\` on node bin/): ${help.after <= CLI_GOAL_S ? "met" : "NOT met"}`);
  console.log(`  npm's own share: ${s(help.npmAfter - help.after)} s per command`);
}

const mb = (value: number) => value.toFixed(0);
const s = (value: number) => value.toFixed(2);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


main().then(
  () => process.exit(0),
  (error) => {
    console.error(`bench:footprint: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
