// The rules a tenant slug must follow to be a PostgreSQL schema name (and a DNS label).
import { z } from "zod";

/** Slugs that would collide with the platform's own routes, schemas or host names. */
export const RESERVED_SLUGS = new Set([
  "public",
  "information_schema",
  "site",
  "api",
  "admin",
  "www",
  "static",
  "assets",
]);

export const MAX_SLUG_LENGTH = 63; // PostgreSQL's identifier limit (NAMEDATALEN - 1)

/**
 * A tenant slug: lowercase letter first, then lowercase letters, digits or `_`; at most 63 characters;
 * never a system or reserved schema. Input is not lowercased: `Select` is refused, not silently renamed.
 */
export const slugSchema = z
  .string()
  .min(1, "Slug is required")
  .max(MAX_SLUG_LENGTH, `Slug must be at most ${MAX_SLUG_LENGTH} characters`)
  .regex(/^[a-z][a-z0-9_]*$/, "Slug must start with a lowercase letter and use only a-z, 0-9 and _")
  .refine((s) => !s.startsWith("pg_"), "Slugs starting with pg_ are reserved by PostgreSQL")
  .refine((s) => !RESERVED_SLUGS.has(s), "This slug is reserved");

export type SlugCheck = { ok: true; slug: string } | { ok: false; message: string };

export function checkSlug(input: string): SlugCheck {
  const result = slugSchema.safeParse(input);
  return result.success ? { ok: true, slug: result.data } : { ok: false, message: result.error.issues[0].message };
}

export { quoteIdent } from "@/lib/db/quote-ident";
