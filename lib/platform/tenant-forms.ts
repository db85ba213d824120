// The platform admin's tenant forms: create (name, slug, domain) and delete (typed confirmation).
// Input is checked with the same zod rules as every other way of creating a tenant (createTenantSchema);
// expected failures come back as field errors beside the offending field, and nothing is created.
import "server-only";
import { createTenant, createTenantSchema, deleteTenant, TenancyError, checkSlug } from "@/lib/tenancy";

export type CreateTenantField = "name" | "slug" | "domain";
export type CreateTenantValues = Record<CreateTenantField, string>;
export type CreateTenantFormState =
  | { ok: true; slug: string; name: string; origin?: string }
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
  if (!parsed.success) return invalid(fieldErrors);

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
  if (!checkSlug(slug).ok) return { ok: false, fieldErrors: {}, formError: `No tenant "${slug}"` };
  try {
    await deleteTenant(slug);
  } catch (error) {
    if (error instanceof TenancyError && error.code === "not_found") return { ok: false, fieldErrors: {}, formError: error.message };
    throw error;
  }
  return { ok: true };
}

function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value.slice(0, 1_000) : "";
}
