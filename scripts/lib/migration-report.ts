// How the migrate CLI shows a run: a progress bar on a terminal, one line per schema otherwise
// (logs, CI), and a summary table at the end with every failure, its migration and its error.
import { type Outcome, type SchemaStatus, summarise } from "@/lib/tenancy/operations";
import { formatTable } from "./cli";

export type Reporter = (outcome: Outcome, done: number, total: number) => void;

export function createReporter(interactive: boolean): Reporter {
  return interactive ? progressBar() : (outcome) => process.stdout.write(`${describeOutcome(outcome)}\n`);
}

function progressBar(): Reporter {
  const width = 30;
  let failed = 0;
  return (outcome, done, total) => {
    if (outcome.status === "failed") {
      failed++;
      process.stderr.write(`\r\x1b[K${describeOutcome(outcome)}\n`);
    }
    const filled = Math.round((done / Math.max(total, 1)) * width);
    const bar = `${"#".repeat(filled)}${"-".repeat(width - filled)}`;
    const tail = failed ? `  ${failed} failed` : "";
    process.stderr.write(`\r\x1b[K[${bar}] ${done}/${total}  ${outcome.target.name}${tail}`);
    if (done === total) process.stderr.write("\n");
  };
}

export function describeOutcome(outcome: Outcome): string {
  const name = outcome.target.name;
  switch (outcome.status) {
    case "applied":
      return `${name}  applied ${outcome.applied.join(", ")}  (${Math.round(outcome.ms)} ms)`;
    case "up-to-date":
      return `${name}  up to date`;
    case "failed":
      return `${name}  FAILED${outcome.migration ? ` in ${outcome.migration}` : ""}: ${outcome.error}  (rolled back)`;
    case "skipped":
      return `${name}  skipped (${outcome.reason})`;
  }
}

export function formatSummary(outcomes: Outcome[], ms: number): string {
  const counts = summarise(outcomes);
  const lines = [
    formatTable(
      ["result", "schemas"],
      [
        ["applied", String(counts.applied)],
        ["up to date", String(counts.upToDate)],
        ["failed", String(counts.failed)],
        ...(counts.skipped ? [["skipped", String(counts.skipped)]] : []),
      ],
    ),
  ];
  const failures = outcomes.filter((o): o is Extract<Outcome, { status: "failed" }> => o.status === "failed");
  if (failures.length) {
    lines.push("", "failures (each rolled back whole; fix and rerun to resume):");
    lines.push(formatTable(["schema", "migration", "error"], failures.map((f) => [f.target.name, f.migration ?? "-", truncate(f.error, 160)])));
  }
  lines.push("", `${outcomes.length} schemas in ${(ms / 1000).toFixed(2)} s`);
  return lines.join("\n");
}

/** `--plan` / `--check`: the pending migrations of each schema that has any. */
export function formatPlan(statuses: SchemaStatus[]): string {
  const unreachable = statuses.filter((s) => s.unreachable);
  const pending = statuses.filter((s) => !s.unreachable && s.pending.length > 0);
  const lines = [
    ...unreachable.map((s) => `${s.name}: server unreachable (${s.unreachable})`),
    ...pending.map((s) => `${s.name}${s.exists ? "" : " (schema missing)"}: ${s.pending.join(", ")}`),
  ];
  lines.push(`${pending.length} of ${statuses.length} schemas have pending migrations`);
  if (unreachable.length) lines.push(`${unreachable.length} could not be read: their server is unreachable`);
  return lines.join("\n");
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
