// The platform admin's tenant forms: create (name, slug, domain) and delete (typed confirmation).
// Input is checked with the same zod rules as every other way of creating a tenant (createTenantSchema);
// expected failures come back as field errors beside the offending field, and nothing is created.
import "server-only";
import { env } from "@/lib/env";
import { createTenant, createTenantSchema, deleteTenant, TenancyError } from "@/lib/tenancy/provision";
import { findTenantBySlug } from "@/lib/tenancy/registry";
import { checkSlug } from "@/lib/tenancy/schema-name";
import { forgetTenantDb } from "@/lib/tenancy/tenant-db";

export type CreateTenantField = "name" | "slug" | "domain";
export type CreateTenantValues = Record<CreateTenantField, string>;
export type CreateTenantFormState =
  | { ok: true; slug: string; name: string }
  | { ok: false; fieldErrors: Partial<Record<CreateTenantField, string>>; formError?: string; values: CreateTenantValues };

export type DeleteTenantFailure = { ok: false; fieldErrors: { confirmation?: string }; formError?: string };
export type DeleteTenantFormState = DeleteTenantFailure | null;

export async function createTenantFromForm(formData: FormData): Promise<CreateTenantFormState> {
  const values: CreateTenantValues = { name: text(formData, "name"), slug: text(formData, "slug"), domain: text(formData, "domain") };
  const invalid = (fieldErrors: Partial<Record<CreateTenantField, string>>) => ({ ok: false as const, fieldErrors, values });

  const parsed = createTenantSchema.safeParse({
    name: values.name,
    slug: values.slug,
    domains: values.domain.trim() ? [values.domain] : [],
  });
  const fieldErrors: Partial<Record<CreateTenantField, string>> = {};
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = issue.path[0] === "domains" ? "domain" : (issue.path[0] as CreateTenantField);
    fieldErrors[field] ??= issue.message;
  }
  const domain = values.domain.trim().toLowerCase();
  const rootProblem = domain && !fieldErrors.domain ? rootDomainProblem(domain) : null;
  if (rootProblem) fieldErrors.domain = rootProblem;
  if (!parsed.success || fieldErrors.domain) return invalid(fieldErrors);

  try {
    const tenant = await createTenant({ slug: parsed.data.slug, name: parsed.data.name, domains: parsed.data.domains });
    return { ok: true, slug: tenant.slug, name: tenant.name };
  } catch (error) {
    if (!(error instanceof TenancyError)) throw error;
    if (error.code === "conflict" && /domain/i.test(error.message)) return invalid({ domain: error.message });
    return invalid({ slug: error.message });
  }
}

/** Deletes a tenant when the admin typed its slug exactly; anything else changes nothing. */
export async function deleteTenantFromForm(slug: string, formData: FormData): Promise<DeleteTenantFailure | { ok: true }> {
  if (text(formData, "confirmation").trim() !== slug) {
    return { ok: false, fieldErrors: { confirmation: `Type ${slug} exactly to confirm` } };
  }
  const tenant = checkSlug(slug).ok ? await findTenantBySlug(slug) : null;
  if (!tenant) return { ok: false, fieldErrors: {}, formError: `No tenant "${slug}"` };
  try {
    await deleteTenant(slug);
  } catch (error) {
    if (error instanceof TenancyError && error.code === "not_found") return { ok: false, fieldErrors: {}, formError: error.message };
    throw error;
  }
  forgetTenantDb(tenant);
  return { ok: true };
}

/**
 * Every tenant already answers on `<slug>.<root>`; a custom domain on the root domain would never be
 * routed to it (the root and its subdomains win), so it is refused rather than silently dead.
 */
function rootDomainProblem(domain: string): string | null {
  const root = env().ROOT_DOMAIN;
  if (domain === root || domain.endsWith(`.${root}`)) {
    return `Use a domain outside ${root}: every tenant already has <slug>.${root}`;
  }
  return null;
}

function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value.slice(0, 1_000) : "";
}
