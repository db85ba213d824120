// The portable tenant from a terminal: maintenance mode (down / up), clone, export, import, and move to
// another PostgreSQL server (`move <slug> --to <url>|default`; `--to-node` is the Citus move in tenants.ts).
import { createReadStream, createWriteStream, existsSync, rmSync } from "node:fs";
import { once } from "node:events";
import { env } from "@/lib/env";
import { endMaintenance, exportTenant, startMaintenance } from "@/lib/tenancy/manage";
import { cloneTenant, importTenant, moveTenant } from "@/lib/tenancy/operations";
import { CliError, parseCommandLine, UsageError } from "./cli";

type Command = (args: string[]) => Promise<number>;

function exactly(args: string[], names: string[], options: Parameters<typeof parseCommandLine>[1] = {}) {
  const parsed = parseCommandLine(args, options);
  if (parsed.positionals.length !== names.length) throw new UsageError(`expected ${names.map((n) => `<${n}>`).join(" ")}`);
  return parsed as { positionals: string[]; values: Record<string, string | boolean | undefined> };
}

const down: Command = async (args) => {
  const { positionals: [slug], values } = exactly(args, ["slug"], { message: { type: "string" } });
  await startMaintenance(slug, values.message as string | undefined);
  console.log(`${slug} is down for maintenance: its pages and API answer 503, writes are refused (\`tenants up ${slug}\` ends it)`);
  return 0;
};

const up: Command = async (args) => {
  const { positionals: [slug] } = exactly(args, ["slug"]);
  await endMaintenance(slug);
  console.log(`${slug} is up again`);
  return 0;
};

const clone: Command = async (args) => {
  const { positionals: [source, slug], values } = exactly(args, ["source", "new-slug"], {
    "schema-only": { type: "boolean" },
    name: { type: "string" },
  });
  const started = performance.now();
  const tenant = await cloneTenant(source, slug, { schemaOnly: values["schema-only"] === true, name: values.name as string | undefined });
  const what = values["schema-only"] ? "its schema" : "its schema and data";
  console.log(`cloned ${source} to "${tenant.slug}" (${what}) in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  console.log(`  http://${tenant.slug}.${env().ROOT_DOMAIN}`);
  return 0;
};

const exportCommand: Command = async (args) => {
  const { positionals: [slug], values } = exactly(args, ["slug"], { out: { type: "string" } });
  const file = (values.out as string | undefined) ?? `${slug}.polls-export`;
  if (existsSync(file)) throw new CliError(`${file} already exists: choose another --out`);
  const out = createWriteStream(file, { flags: "wx" });
  await once(out, "open");
  try {
    const manifest = await exportTenant(slug, out);
    const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
    console.log(`exported ${slug} to ${file}: ${manifest.tables.length} tables, ${rows} rows, ${manifest.migrations.length} migrations`);
    return 0;
  } catch (error) {
    rmSync(file, { force: true }); // never leave half a file that looks like an export
    throw error;
  }
};

const importCommand: Command = async (args) => {
  const { positionals: [file, slug], values } = exactly(args, ["file", "new-slug"], {
    name: { type: "string" },
    "database-url": { type: "string" },
  });
  if (!existsSync(file)) throw new CliError(`no such file: ${file}`);
  const tenant = await importTenant(createReadStream(file), slug, {
    name: values.name as string | undefined,
    databaseUrl: (values["database-url"] as string | undefined) ?? null,
  });
  console.log(`imported ${file} as tenant "${tenant.slug}": http://${tenant.slug}.${env().ROOT_DOMAIN}`);
  return 0;
};

/** `move <slug> --to <postgresql url>|default`: the copy, catch-up and switch of lib/tenancy/portability/move.ts. */
export async function moveToServer(slug: string, to: string): Promise<number> {
  const report = await moveTenant(slug, to, { onStep: (message) => console.error(`  ${message}`) });
  console.log(
    `moved ${slug} to ${report.to}: ${report.rows} rows, ${report.catchUpRounds} catch-up round(s), ` +
      `in maintenance for ${report.maintenanceMs.toFixed(0)} ms, ${(report.totalMs / 1000).toFixed(1)} s in all`,
  );
  return 0;
}

export const portabilityCommands: Record<string, Command> = { down, up, clone, export: exportCommand, import: importCommand };

export const PORTABILITY_HELP = `  down <slug> [--message <text>]
                        maintenance mode: pages and API answer 503, writes are refused
  up <slug>             ends maintenance mode
  clone <source> <new-slug> [--schema-only] [--name <name>]
                        a new tenant with a copy of the source's schema and data (one snapshot)
  export <slug> [--out <file>]
                        the tenant as one portable file (default <slug>.polls-export)
  import <file> <new-slug> [--name <name>] [--database-url <url>]
                        a new tenant from an export (checked first; older exports are migrated)
  move <slug> --to <postgresql url>|default
                        to another PostgreSQL server: copies while it serves, then a short
                        maintenance window for the last changes and the switch; the old schema
                        is dropped after the switch; any failure leaves the tenant where it was`;
