// A tenant's branding rules (decision 030). The accent colour ends up inside a CSS declaration and the logo
// URL inside an <img> and the page's Content-Security-Policy, so both are held to a shape that cannot carry
// anything else: `#rrggbb`, and an https URL or a plain path on the tenant's own site.
import { z } from "zod";
import { tenantNameSchema } from "@/lib/tenancy/provision";

/** `#rrggbb`, stored lower-cased. No names, no functions, no `;` or `}`: nothing that could end a declaration. */
export const accentColorSchema = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, "Use a colour such as #1d4ed8 (# and six hex digits)")
  .transform((colour) => colour.toLowerCase());

/** Characters a URL path may carry unescaped (RFC 3986 pchar and `/`); no quotes, spaces, `\` or `<>`. */
const SAFE_PATH = /^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;

/**
 * An https URL (no user name or password in it), or a path on the tenant's own site (`/logo.png`, never
 * `//host`). Stored in the normalised form the browser would request.
 */
export const logoUrlSchema = z
  .string()
  .trim()
  .max(500, "Logo URL must be at most 500 characters")
  .transform((value, ctx) => {
    if (value.startsWith("/")) {
      if (SAFE_PATH.test(value)) return value;
      ctx.addIssue({ code: "custom", message: "A path on this site must start with a single / and use URL characters only" });
      return z.NEVER;
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "Use an https:// URL or a path on this site such as /logo.png" });
      return z.NEVER;
    }
    if (url.protocol !== "https:" || url.username || url.password) {
      ctx.addIssue({ code: "custom", message: "The logo must be served over https:// (no user name or password in the URL)" });
      return z.NEVER;
    }
    return url.href;
  })
  .refine((href) => href.length <= 500, "Logo URL must be at most 500 characters");

/** An empty or missing field clears the setting (null): the page falls back to the site's default. */
function clearable<T extends z.ZodType<string, string>>(schema: T) {
  return z.preprocess((value) => (value === undefined || (typeof value === "string" && value.trim() === "") ? null : value), schema.nullable());
}

export const brandingSchema = z.object({
  name: tenantNameSchema,
  description: z.string().trim().max(200, "Description must be at most 200 characters").default(""),
  accentColor: clearable(accentColorSchema),
  logoUrl: clearable(logoUrlSchema),
});
export type BrandingInput = z.input<typeof brandingSchema>;
export type Branding = z.output<typeof brandingSchema>;

/**
 * The origin an img-src directive must allow for a stored logo URL, or null when the page's own origin
 * ('self') already covers it. Re-checked here, so a row written past the app cannot widen the policy
 * with anything but an https origin.
 */
export function logoSourceOrigin(logoUrl: string | null): string | null {
  if (!logoUrl || logoUrl.startsWith("/")) return null;
  const parsed = logoUrlSchema.safeParse(logoUrl);
  return parsed.success ? new URL(parsed.data).origin : null;
}

/** The accent colour as a page may use it, or null: a stored value is re-checked before it reaches CSS. */
export function safeAccentColor(stored: string | null): string | null {
  const parsed = accentColorSchema.safeParse(stored ?? "");
  return parsed.success ? parsed.data : null;
}
