// The tenant export file (`<slug>.polls-export`): a gzip-compressed tar holding
//   manifest.json          what the file is and what it holds (below), first
//   data/<Table>.copy      one per table: its rows in PostgreSQL's COPY text format, in primary-key order
// The manifest names the format and its version, the tenant's slug, name and branding, the migrations applied to
// the schema it came from (the tables' shape), each table's columns, row count and the sha256 of its
// file, and where each id sequence stood. docs/tenant-export-format.md describes it for other tools.
import { z } from "zod";

export const EXPORT_FORMAT = "polls-tenant-export";
/** 2: the tenant block carries the branding. A version 1 export (no branding) still imports, with the defaults. */
export const EXPORT_FORMAT_VERSION = 2;
const READABLE_VERSIONS = [1, 2] as const;
export const MANIFEST_NAME = "manifest.json";
const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, "not a table or column name");

export const manifestSchema = z
  .object({
    format: z.literal(EXPORT_FORMAT, { error: "not a tenant export (unknown format)" }),
    version: z.literal(READABLE_VERSIONS, { error: `export format version not supported (this app reads versions ${READABLE_VERSIONS.join(" and ")})` }),
    exportedAt: z.iso.datetime(),
    // The branding's shape only: the import holds it to brandingSchema, the settings form's rule.
    tenant: z
      .object({
        slug: z.string(),
        name: z.string().min(1).max(100),
        description: z.string().optional(),
        accentColor: z.string().nullable().optional(),
        logoUrl: z.string().nullable().optional(),
      })
      .strict(),
    migrations: z.array(z.string().min(1)).min(1),
    tables: z
      .array(
        z
          .object({
            name: identifier,
            file: z.string(),
            columns: z.array(identifier).min(1),
            rows: z.number().int().min(0),
            sha256: z.string().regex(/^[0-9a-f]{64}$/),
          })
          .strict(),
      )
      .min(1),
    sequences: z.array(
      z.object({ table: identifier, column: identifier, lastValue: z.string().regex(/^-?\d+$/), isCalled: z.boolean() }).strict(),
    ),
  })
  .strict()
  .superRefine((manifest, ctx) => {
    if (manifest.version >= 2) {
      for (const field of ["description", "accentColor", "logoUrl"] as const) {
        if (manifest.tenant[field] === undefined) ctx.addIssue({ code: "custom", path: ["tenant", field], message: `required from version 2 on` });
      }
    }
    for (const table of manifest.tables) {
      if (table.file !== dataFileName(table.name)) ctx.addIssue({ code: "custom", message: `table ${table.name}: unexpected file name` });
    }
  });

export type Manifest = z.infer<typeof manifestSchema>;

export function dataFileName(table: string): string {
  return `data/${table}.copy`;
}
