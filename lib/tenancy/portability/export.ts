// Exporting a tenant to one portable file (format.ts): every table is read in one repeatable-read,
// read-only transaction (a consistent snapshot; the tenant keeps serving) and streamed with COPY to a
// temporary file while its sha256 and rows are counted, then the manifest and the files are written as a
// gzip-compressed tar. Memory stays flat whatever the tenant's size; the disk holds one copy meanwhile.
import { createHash } from "node:crypto";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Transform, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { to as copyTo } from "pg-copy-streams";
import { inTransaction, poolFor } from "@/lib/db/pools";
import { TenancyError } from "@/lib/tenancy/errors";
import { readTenant, type Tenant } from "@/lib/tenancy/registry";
import { dataFileName, EXPORT_FORMAT, EXPORT_FORMAT_VERSION, MANIFEST_NAME, type Manifest } from "@/lib/tenancy/portability/format";
import { tenantDirectUrl } from "@/lib/tenancy/servers";
import { appliedMigrations, columnList, qualified, readSequences, readTables } from "@/lib/tenancy/portability/tables";
import { writeTar } from "@/lib/tenancy/portability/tar";
import { quoteIdent } from "@/lib/db/quote-ident";

/** Streams `slug`'s export to `out` (a file, an HTTP response). Returns its manifest. */
export async function exportTenant(slug: string, out: Writable): Promise<Manifest> {
  const tenant = await readTenant("slug", slug); // past the cache: the branding as it is now
  if (!tenant) throw new TenancyError("not_found", `No tenant "${slug}"`);
  const dir = mkdtempSync(path.join(tmpdir(), "polls-export-"));
  try {
    const manifest = await dumpTables(tenant, dir);
    writeFileSync(path.join(dir, MANIFEST_NAME), JSON.stringify(manifest, null, 2));
    const entries = [MANIFEST_NAME, ...manifest.tables.map((t) => t.file)].map((name) => ({ name, file: path.join(dir, name) }));
    const gzip = createGzip();
    const written = pipeline(gzip, out);
    await writeTar(gzip, entries);
    gzip.end();
    await written;
    return manifest;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function dumpTables(tenant: Tenant, dir: string): Promise<Manifest> {
  const { slug, name, description, accentColor, logoUrl } = tenant;
  return inTransaction(poolFor(tenantDirectUrl(tenant)), async (client) => {
    await client.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const tables = await readTables(client, slug);
    const migrations = await appliedMigrations(client, slug);
    const dumped: Manifest["tables"] = [];
    mkdirSync(path.join(dir, "data"));
    for (const table of tables) {
      const file = dataFileName(table.name);
      const hash = createHash("sha256");
      let rows = 0;
      const count = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          for (const byte of chunk) if (byte === 10) rows++; // COPY text: one line per row, newlines in values escaped
          done(null, chunk);
        },
      });
      const copy = client.query(
        copyTo(`COPY (SELECT ${columnList(table)} FROM ${qualified(slug, table.name)} ORDER BY ${quoteIdent(table.primaryKey)}) TO STDOUT`),
      );
      await pipeline(copy, count, createWriteStream(path.join(dir, file)));
      dumped.push({ name: table.name, file, columns: table.columns, rows, sha256: hash.digest("hex") });
    }
    return {
      format: EXPORT_FORMAT,
      version: EXPORT_FORMAT_VERSION,
      exportedAt: new Date().toISOString(),
      tenant: { slug, name, description, accentColor, logoUrl },
      migrations,
      tables: dumped,
      sequences: await readSequences(client, slug),
    };
  });
}
