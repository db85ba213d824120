// Importing a tenant from an export file (format.ts). Everything is checked before the database is
// touched: the archive is unpacked to a temporary folder, the manifest parsed, every table file's
// sha256 and row count compared with it, and its migrations with this code's (an export from an older
// state is loaded at that state and then migrated; one from a newer state is refused). Then one
// transaction creates the tenant: registry row (with the branding), the schema at the export's migration state, every table
// loaded with COPY in foreign-key order, the sequences, the remaining migrations.
import { createHash } from "node:crypto";
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { from as copyFrom } from "pg-copy-streams";
import { applyMigrationsInTransaction } from "@/lib/db/migrations";
import { quoteIdent } from "@/lib/db/quote-ident";
import { tenantMigrations } from "@/lib/tenancy/migrate";
import { TenancyError } from "@/lib/tenancy/errors";
import { brandingSchema } from "@/lib/tenancy/branding";
import { createTenant } from "@/lib/tenancy/provision";
import type { Tenant, TenantBranding } from "@/lib/tenancy/registry";
import { dataFileName, MANIFEST_NAME, manifestSchema, type Manifest } from "@/lib/tenancy/portability/format";
import { qualified, readTables, restoreSequences } from "@/lib/tenancy/portability/tables";
import { readTar } from "@/lib/tenancy/portability/tar";

export type ImportOptions = { name?: string; databaseUrl?: string | null };

const refuse = (message: string) => new TenancyError("invalid", message);

export async function importTenant(input: Readable, slug: string, options: ImportOptions = {}): Promise<Tenant> {
  const dir = mkdtempSync(path.join(tmpdir(), "polls-import-"));
  try {
    mkdirSync(path.join(dir, "data"));
    const manifest = await unpack(input, dir);
    const migrations = tenantMigrations();
    const atExport = checkMigrations(manifest, migrations.map((m) => m.name));
    const branding = checkBranding(manifest);
    return await createTenant(
      { slug, name: options.name ?? manifest.tenant.name, databaseUrl: options.databaseUrl ?? undefined },
      {
        branding,
        build: async (client) => {
          await applyMigrationsInTransaction(client, slug, migrations.slice(0, atExport));
          const tables = await readTables(client, slug);
          checkTables(manifest, tables);
          for (const table of tables) {
            const entry = manifest.tables.find((t) => t.name === table.name)!;
            const columns = entry.columns.map(quoteIdent).join(", ");
            await pipeline(createReadStream(path.join(dir, entry.file)), client.query(copyFrom(`COPY ${qualified(slug, table.name)} (${columns}) FROM STDIN`)));
          }
          await restoreSequences(client, slug, manifest.sequences);
          await applyMigrationsInTransaction(client, slug, migrations);
        },
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Unpacks the archive's manifest and table files into `dir` and checks each file against the manifest. */
async function unpack(input: Readable, dir: string): Promise<Manifest> {
  const wanted = (name: string) => name === MANIFEST_NAME || /^data\/[A-Za-z_][A-Za-z0-9_]{0,62}\.copy$/.test(name);
  try {
    await pipeline(input, createGunzip(), async (source: AsyncIterable<Buffer>) => {
      await readTar(source as unknown as Readable, (name) => (wanted(name) ? path.join(dir, name) : null));
    });
  } catch (error) {
    throw refuse(`not a readable tenant export: ${error instanceof Error ? error.message : String(error)}`);
  }
  const manifestFile = path.join(dir, MANIFEST_NAME);
  if (!existsSync(manifestFile)) throw refuse("not a tenant export: it has no manifest.json");
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(manifestFile, "utf8"));
  } catch {
    throw refuse("the export's manifest.json is not valid JSON");
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw refuse(`the export's manifest is invalid: ${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}`);
  }
  for (const table of parsed.data.tables) {
    const file = path.join(dir, dataFileName(table.name));
    if (!existsSync(file)) throw refuse(`the export has no data for table ${table.name}`);
    const { sha256, rows } = await digest(file);
    if (sha256 !== table.sha256) throw refuse(`table ${table.name}: its data does not match the manifest's sha256 (damaged or altered)`);
    if (rows !== table.rows) throw refuse(`table ${table.name}: ${rows} rows where the manifest says ${table.rows}`);
  }
  return parsed.data;
}

async function digest(file: string): Promise<{ sha256: string; rows: number }> {
  const hash = createHash("sha256");
  let rows = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    for (const byte of chunk) if (byte === 10) rows++;
  }
  return { sha256: hash.digest("hex"), rows };
}

/** How many of this code's migrations the export was made at; refuses an export this code cannot read. */
function checkMigrations(manifest: Manifest, known: string[]): number {
  const unknown = manifest.migrations.find((name) => !known.includes(name));
  if (unknown) {
    throw refuse(`the export is from a newer version of the app (migration ${unknown} is unknown here): upgrade the app, then import`);
  }
  const prefix = known.slice(0, manifest.migrations.length);
  if (prefix.join("\n") !== manifest.migrations.join("\n")) {
    throw refuse("the export's migrations are not a prefix of this app's: it comes from a diverged version of the app");
  }
  return manifest.migrations.length;
}

/** The manifest's branding, held to the settings form's rule (a version 1 export has none: the defaults). */
function checkBranding(manifest: Manifest): TenantBranding {
  const { name, description, accentColor, logoUrl } = manifest.tenant;
  const parsed = brandingSchema.safeParse({ name, description, accentColor, logoUrl });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw refuse(`the export's branding is invalid: ${issue.path.join(".")}: ${issue.message}`);
  }
  return { description: parsed.data.description, accentColor: parsed.data.accentColor, logoUrl: parsed.data.logoUrl };
}

/** The manifest must name exactly the tables and columns its migration state made. */
function checkTables(manifest: Manifest, tables: { name: string; columns: string[] }[]): void {
  const names = (list: { name: string }[]) => list.map((t) => t.name).sort().join(", ");
  if (names(manifest.tables) !== names(tables)) {
    throw refuse(`the export's tables (${names(manifest.tables)}) are not those of its migration state (${names(tables)})`);
  }
  for (const table of tables) {
    const entry = manifest.tables.find((t) => t.name === table.name)!;
    if ([...entry.columns].sort().join() !== [...table.columns].sort().join()) {
      throw refuse(`table ${table.name}: the export's columns are not those of its migration state`);
    }
  }
}

