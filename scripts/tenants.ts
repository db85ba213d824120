// `npm run tenants -- …`: the tenant lifecycle from a terminal (django-tenants' create_tenant,
// delete_tenant, tenant_command and all_tenants_command), plus the platform's first admin.
import "@/lib/config";
import { spawn } from "node:child_process";
import type { ParseArgsConfig } from "node:util";
import { z } from "zod";
import { emailSchema, newUserSchema, passwordSchema, usernameSchema, createUser } from "@/lib/auth/users";
import { poolFor, redact } from "@/lib/db/pools";
import { env } from "@/lib/env";
import { createPlatformAdmin } from "@/lib/platform/admins";
import { seedSamplePolls } from "@/lib/seed/demo";
import { findTenantBySlug, tenantDb } from "@/lib/tenancy";
import {
  addDomain,
  removeDomain,
  renameTenant,
  listTenants,
  createTenant,
  deleteTenant,
} from "@/lib/tenancy/manage";
import {
  readMigrationStatus,
  tenantTarget,
  settleDeletedSchemas,
  tenantDbUrl,
  tenantServerUrl,
  type TenantPlacement,
} from "@/lib/tenancy/operations";
import { formatNode, isCitus, moveSchema, nodeSchema, placementNodes, schemaNodes } from "./lib/citus";
import { moveToServer, PORTABILITY_HELP, portabilityCommands } from "./lib/portability-commands";
import { CliError, formatTable, isInteractive, parseCommandLine, prompt, runMain, UsageError, validate } from "./lib/cli";

const HELP = `Usage: npm run tenants -- <command> [arguments]

Commands
  create <slug> [--name <name>] [--domain <host>]... [--database-url <url>]
                        registry row, schema and every tenant migration, atomically; the first
                        --domain is the primary; --database-url puts the schema on another server
  list [--json]         slug, name, domains, server, migrations applied / pending (and, on a
                        Citus cluster, the node holding each tenant's schema)
  move <slug> --to-node <host:port> [--block-writes]
                        on a Citus cluster: moves the tenant's schema to another node
                        (citus_schema_move; writes wait only for the final catch-up unless
                        --block-writes)
${PORTABILITY_HELP}
  add-domain <slug> <host> [--primary]
  remove-domain <slug> <host>
                        custom domains; a tenant has at most one primary
  rename <old> <new>    renames the schema and the registry row together
  delete <slug> --force drops the schema with all its data, and the registry rows
  settle [--database-url <url>]
                        finishes deletes a server failure stopped half-way, on the default server,
                        every tenant's server and the one named
  exec <slug>|--all -- <command> [arguments]
                        runs a command in a tenant's context:
                          createsuperuser [--username <u>] [--password <p>] [--email <e>]
                                          a tenant admin (prompts on a terminal)
                          seed            sample polls, when the tenant has none
                          any other command runs with DATABASE_URL=<server>?schema=<slug>
  createsuperuser [--username <u>] [--password <p>]
                        a platform admin (root domain /admin)

Database: DATABASE_URL, else the embedded PostgreSQL of \`npm start\` (DATA_DIR, default .data).
Exit code: 0 done, 1 failed or refused, 2 bad usage.`;

const commands: Record<string, (args: string[]) => Promise<number>> = {
  create: createCommand,
  list: listCommand,
  move: moveCommand,
  "add-domain": addDomainCommand,
  "remove-domain": removeDomainCommand,
  rename: renameCommand,
  delete: deleteCommand,
  settle: settleCommand,
  exec: execCommand,
  createsuperuser: platformAdminCommand,
  ...portabilityCommands,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(HELP);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) throw new UsageError(`unknown command "${name}"`);
  return command(rest);
}

/** Parses a command's options and requires exactly the named positional arguments. */
function positionals<T extends NonNullable<ParseArgsConfig["options"]>>(args: string[], names: string[], options: T = {} as T) {
  const parsed = parseCommandLine(args, options);
  if (parsed.positionals.length !== names.length) {
    throw new UsageError(`expected ${names.map((n) => `<${n}>`).join(" ")}`);
  }
  return parsed;
}

async function createCommand(args: string[]): Promise<number> {
  const { positionals: [slug], values } = positionals(args, ["slug"], {
    name: { type: "string" },
    domain: { type: "string", multiple: true },
    "database-url": { type: "string" },
  });
  const tenant = await createTenant({
    slug,
    name: values.name ?? slug,
    domains: values.domain ?? [],
    databaseUrl: values["database-url"],
  });
  const server = tenant.databaseUrl ? redact(tenantServerUrl(tenant)) : "the default server";
  console.log(`created tenant "${tenant.slug}" (schema "${tenant.slug}" on ${server})`);
  console.log(`  http://${tenant.slug}.${env().ROOT_DOMAIN}`);
  return 0;
}

async function listCommand(args: string[]): Promise<number> {
  const { values } = positionals(args, [], { json: { type: "boolean" } });
  const tenants = await listTenants();
  const statuses = await readMigrationStatus(tenants.map(tenantTarget));
  const nodes = await citusNodesOf(tenants);
  const rows = tenants.map((tenant, i) => ({
    slug: tenant.slug,
    name: tenant.name,
    domains: tenant.domains,
    server: tenant.databaseUrl ? redact(tenantServerUrl(tenant)) : "default",
    ...(nodes && { node: nodes.get(tenant.slug) ?? "coordinator" }),
    schemaExists: statuses[i].exists,
    applied: statuses[i].applied.length,
    pending: statuses[i].pending.length,
    ...(statuses[i].unreachable && { unreachable: statuses[i].unreachable }),
  }));
  // One tenant's server being down must not hide the others: list them all, then say so and exit 1.
  const unreachable = rows.filter((r) => r.unreachable).length;
  const exitCode = unreachable ? 1 : 0;
  if (values.json) {
    console.log(JSON.stringify(rows, null, 2));
    return exitCode;
  }
  if (rows.length === 0) {
    console.log("no tenants yet: npm run tenants -- create <slug>");
    return 0;
  }
  console.log(
    formatTable(
      ["slug", "name", "domains", "server", ...(nodes ? ["node"] : []), "migrations"],
      rows.map((r) => [
        r.slug,
        r.name,
        r.domains.map((d) => `${d.domain}${d.isPrimary ? " (primary)" : ""}`).join(", ") || "-",
        r.server,
        ...(r.node ? [r.node] : []),
        r.unreachable ? "server unreachable" : r.schemaExists ? `${r.applied} applied, ${r.pending} pending` : "schema missing",
      ]),
    ),
  );
  if (unreachable) console.error(`${unreachable} tenant${unreachable === 1 ? "'s" : "s'"} server could not be reached: ${rows.find((r) => r.unreachable)!.unreachable}`);
  return exitCode;
}

/**
 * Each tenant's node (`host:port`) when some tenant's server is a Citus cluster, else null (the column
 * is left out). A tenant whose schema is not distributed there shows as "coordinator"; an unreachable
 * server shows nothing here (its migrations column says so).
 */
async function citusNodesOf(tenants: TenantPlacement[]): Promise<Map<string, string> | null> {
  const byServer = new Map<string, TenantPlacement[]>();
  for (const tenant of tenants) byServer.set(tenantServerUrl(tenant), [...(byServer.get(tenantServerUrl(tenant)) ?? []), tenant]);
  const nodes = new Map<string, string>();
  let citus = false;
  for (const [serverUrl, group] of byServer) {
    const pool = poolFor(serverUrl);
    if (!(await isCitus(pool).catch(() => false))) continue;
    citus = true;
    for (const [schema, node] of await schemaNodes(pool, group.map((t) => t.slug))) nodes.set(schema, formatNode(node));
  }
  return citus ? nodes : null;
}

async function moveCommand(args: string[]): Promise<number> {
  const { positionals: [slug], values } = positionals(args, ["slug"], {
    "to-node": { type: "string" },
    "block-writes": { type: "boolean" },
    to: { type: "string" },
  });
  // One command, two mechanisms: --to copies to another server, --to-node moves within a Citus cluster.
  if (values.to !== undefined) {
    if (values["to-node"] !== undefined || values["block-writes"]) throw new UsageError("--to and --to-node do not go together");
    return moveToServer(slug, values.to);
  }
  const to = validate(z.object({ toNode: nodeSchema }), { toNode: values["to-node"] ?? "" }).toNode;
  const tenant = await findTenant(slug);
  const pool = poolFor(tenantServerUrl(tenant));
  if (!(await isCitus(pool))) throw new CliError(`tenant "${slug}" is not on a Citus cluster: --to-node moves between Citus nodes`);
  const from = (await schemaNodes(pool, [slug])).get(slug);
  if (!from) throw new CliError(`tenant "${slug}" is not a distributed schema (created before schema-based sharding was on?)`);
  const nodes = await placementNodes(pool);
  if (!nodes.some((n) => formatNode(n) === formatNode(to))) {
    throw new CliError(`${formatNode(to)} is not a node of this cluster that can hold tenants (${nodes.map(formatNode).join(", ")})`);
  }
  if (formatNode(from) === formatNode(to)) {
    console.log(`tenant "${slug}" is already on ${formatNode(to)}`);
    return 0;
  }
  const started = performance.now();
  await moveSchema(pool, slug, to, values["block-writes"] ? "block_writes" : "auto");
  const seconds = (performance.now() - started) / 1000;
  console.log(`moved tenant "${slug}" from ${formatNode(from)} to ${formatNode(to)} in ${seconds.toFixed(2)} s`);
  return 0;
}

async function addDomainCommand(args: string[]): Promise<number> {
  const { positionals: [slug, domain], values } = positionals(args, ["slug", "host"], { primary: { type: "boolean" } });
  await addDomain(slug, domain, { primary: values.primary === true });
  console.log(`added ${domain.trim().toLowerCase()} to ${slug}`);
  return 0;
}

async function removeDomainCommand(args: string[]): Promise<number> {
  const { positionals: [slug, domain] } = positionals(args, ["slug", "host"]);
  await removeDomain(slug, domain);
  console.log(`removed ${domain.trim().toLowerCase()} from ${slug}`);
  return 0;
}

async function renameCommand(args: string[]): Promise<number> {
  const { positionals: [oldSlug, newSlug] } = positionals(args, ["old", "new"]);
  await renameTenant(oldSlug, newSlug);
  console.log(`renamed ${oldSlug} to ${newSlug}: now at http://${newSlug}.${env().ROOT_DOMAIN}`);
  return 0;
}

async function deleteCommand(args: string[]): Promise<number> {
  const { positionals: [slug], values } = positionals(args, ["slug"], { force: { type: "boolean" } });
  await findTenant(slug); // an unknown slug is reported before a missing --force
  if (!values.force) {
    throw new CliError(`refusing to delete "${slug}" without --force: it drops schema "${slug}" and all its data`);
  }
  await deleteTenant(slug);
  console.log(`deleted tenant "${slug}" and its schema`);
  return 0;
}

/** `settle`: drops the schemas of deletes that stopped half-way (or renames back those undone). */
async function settleCommand(args: string[]): Promise<number> {
  const { values } = positionals(args, [], { "database-url": { type: "string" } });
  const servers = new Set([tenantServerUrl({ databaseUrl: null }), ...(await listTenants()).map(tenantServerUrl)]);
  if (values["database-url"]) servers.add(tenantServerUrl({ databaseUrl: values["database-url"] }));
  let settled = 0;
  for (const server of servers) {
    for (const line of await settleDeletedSchemas(server)) {
      console.log(`${redact(server)}: ${line}`);
      settled++;
    }
  }
  if (settled === 0) console.log("nothing to settle");
  return 0;
}

/** `exec <slug>|--all -- <command …>`: runs the command for each tenant; one failure does not stop the rest. */
async function execCommand(args: string[]): Promise<number> {
  const separator = args.indexOf("--");
  if (separator < 0 || separator === args.length - 1) throw new UsageError("expected exec <slug>|--all -- <command>");
  const { values, positionals: slugs } = parseCommandLine(args.slice(0, separator), { all: { type: "boolean" } });
  if (values.all ? slugs.length !== 0 : slugs.length !== 1) throw new UsageError("expected exactly one of <slug> or --all");
  const [commandName, ...commandArgs] = args.slice(separator + 1);

  const tenants = values.all ? await listTenants() : [await findTenant(slugs[0])];
  const run = await tenantCommand(commandName, commandArgs);

  let failed = 0;
  for (const tenant of tenants) {
    try {
      const message = await run(tenant);
      if (message) console.log(`${tenant.slug}: ${message}`);
    } catch (error) {
      failed++;
      process.stderr.write(`${tenant.slug}: error: ${describeTenantError(error)}\n`);
    }
  }
  return failed ? 1 : 0;
}

async function findTenant(slug: string): Promise<TenantPlacement> {
  const tenant = await findTenantBySlug(slug);
  if (!tenant) throw new CliError(`no tenant "${slug}"`);
  return tenant;
}

type TenantRun = (tenant: TenantPlacement) => Promise<string | null>;

/** Parses the command once (and prompts once), then returns what runs per tenant. */
async function tenantCommand(name: string, args: string[]): Promise<TenantRun> {
  if (name === "seed") {
    positionals(args, []);
    return async (tenant) => {
      const created = await seedSamplePolls(tenantDb(tenant), tenant.slug);
      return created ? `seeded ${created} polls` : "already has polls, left as is";
    };
  }
  if (name === "createsuperuser") {
    const user = validate(newUserSchema, { ...(await readCredentials(args, true)), role: "admin" });
    return async (tenant) => {
      await createUser(tenantDb(tenant), user);
      return `created admin "${user.username}"`;
    };
  }
  // Anything else is a program run against the tenant's own connection string.
  return (tenant) => runProgram(name, args, tenant);
}

function runProgram(command: string, args: string[], tenant: TenantPlacement): Promise<null> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: "inherit",
      env: { ...process.env, DATABASE_URL: tenantDbUrl(tenant), TENANT_SLUG: tenant.slug },
    });
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(new CliError(error.code === "ENOENT" ? `command not found: ${command}` : error.message)),
    );
    child.on("exit", (code, signal) => (code === 0 ? resolve(null) : reject(new CliError(`${command} exited with ${code ?? signal}`))));
  });
}

async function platformAdminCommand(args: string[]): Promise<number> {
  const credentials = await readCredentials(args, false);
  const admin = await createPlatformAdmin(credentials).catch((error: unknown) => {
    if ((error as { code?: string }).code === "P2002") throw new CliError(`platform admin "${credentials.username}" already exists`);
    throw error;
  });
  console.log(`created platform admin "${admin.username}": sign in at http://${env().ROOT_DOMAIN}/admin`);
  return 0;
}

/** --username / --password (/ --email) from the command line, prompting on a terminal for what is missing. */
async function readCredentials(args: string[], withEmail: boolean) {
  const { values } = positionals(args, [], {
    username: { type: "string" },
    password: { type: "string" },
    email: { type: "string" },
  });
  if (values.email !== undefined && !withEmail) throw new UsageError("a platform admin has no --email");
  let username = values.username;
  let password = values.password;
  if ((!username || !password) && !isInteractive()) {
    throw new UsageError("--username and --password are required when there is no terminal to prompt on");
  }
  username ??= validate(usernameSchema, await prompt("Username: "));
  if (!password) {
    password = validate(passwordSchema, await prompt("Password: ", true));
    if ((await prompt("Password (again): ", true)) !== password) throw new UsageError("the passwords do not match");
  }
  const email = withEmail ? validate(emailSchema, values.email ?? "") : "";
  return { ...validate(z.object({ username: usernameSchema, password: passwordSchema }), { username, password }), email };
}

function describeTenantError(error: unknown): string {
  if ((error as { code?: string }).code === "P2002") return "that username is already taken";
  return error instanceof Error ? error.message.split("\n")[0] : String(error);
}

// Only --help needs no database.
runMain(main, { needsDatabase: (argv) => argv.length > 0 && !["--help", "-h", "help"].includes(argv[0]) });
