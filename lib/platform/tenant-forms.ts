// The platform admin's tenant forms: create (name, slug, domain) and delete (typed confirmation).
// Input is checked with the same zod rules as every other way of creating a tenant (createTenantSchema);
// expected failures come back as field errors beside the offending field, and nothing is created.
import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { newUserSchema } from "@/lib/auth/users";
import { fieldErrorsOf, type FormState } from "@/lib/polls/form-state";
import { inSerializableTransaction, TenancyError, tenantDb, type Tenant } from "@/lib/tenancy";
import {
  addDomain,
  checkSlug,
  createTenant,
  createTenantSchema,
  deleteTenant,
  domainSchema,
  removeDomain,
  renameTenant,
  setPrimaryDomain,
  slugSchema,
} from "@/lib/tenancy/manage";

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
    return invalid({ [error.field ?? "slug"]: error.message });
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

export type TenantFormState = FormState<Record<string, string>>;

/**
 * Renames a tenant (its slug: its subdomain and schema) when the admin typed the current slug exactly,
 * the same confirmation as delete; the new slug follows the slug rule.
 */
export async function renameTenantFromForm(slug: string, formData: FormData): Promise<TenantFormState & { slug?: string }> {
  const newSlug = text(formData, "newSlug").trim();
  const values = { newSlug };
  if (text(formData, "confirmation").trim() !== slug) {
    return { ok: false, fieldErrors: { confirmation: `Type ${slug} exactly to confirm` }, values };
  }
  const parsed = slugSchema.safeParse(newSlug);
  if (!parsed.success) return { ok: false, fieldErrors: { newSlug: parsed.error.issues[0].message }, values };
  if (parsed.data === slug) return { ok: false, fieldErrors: { newSlug: "That is its slug already" }, values };
  try {
    const tenant = await renameTenant(slug, parsed.data);
    return { ok: true, slug: tenant.slug, message: `Renamed ${slug} to ${tenant.slug}.` };
  } catch (error) {
    if (!(error instanceof TenancyError)) throw error;
    return error.code === "not_found" ? { ok: false, message: error.message, values } : { ok: false, fieldErrors: { newSlug: error.message }, values };
  }
}

/** Adds a custom domain to a tenant (optionally as its primary). */
export async function addDomainFromForm(slug: string, formData: FormData): Promise<TenantFormState> {
  const domain = text(formData, "domain").trim();
  const parsed = domainSchema.safeParse(domain);
  if (!parsed.success) return { ok: false, fieldErrors: { domain: parsed.error.issues[0].message }, values: { domain } };
  return tenancyChange(() => addDomain(slug, parsed.data, { primary: formData.get("primary") === "on" }), `Added ${parsed.data}.`, {
    field: "domain",
    values: { domain },
  });
}

/** Removes one of a tenant's domains, or makes it the primary; the domain is looked up among the tenant's own. */
export async function changeDomainFromForm(slug: string, formData: FormData): Promise<TenantFormState> {
  const domain = text(formData, "domain").trim();
  const intent = text(formData, "intent");
  if (intent === "remove") return tenancyChange(() => removeDomain(slug, domain), `Removed ${domain}.`);
  if (intent === "primary") return tenancyChange(() => setPrimaryDomain(slug, domain), `${domain} is now the primary domain.`);
  return { ok: false, message: "Choose Remove or Make primary." };
}

/**
 * Creates a tenant's first admin. Refused once the tenant has an admin: from then on its own admins
 * manage its users, and the platform does not mint accounts in a tenant that has them.
 */
export async function createFirstAdminFromForm(tenant: Tenant, formData: FormData): Promise<TenantFormState> {
  const values = { username: text(formData, "username"), email: text(formData, "email") };
  const parsed = newUserSchema.safeParse({ ...values, password: text(formData, "password"), role: "admin" });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values };
  const db = tenantDb(tenant);
  const created = await inSerializableTransaction(db, async (tx) => {
    if (await tx.user.count({ where: { role: "admin" } })) return null;
    if (await tx.user.count({ where: { username: parsed.data.username } })) return "taken" as const;
    return tx.user.create({
      data: { username: parsed.data.username, email: parsed.data.email, role: "admin", passwordHash: await hashPassword(parsed.data.password) },
      select: { username: true },
    });
  });
  if (created === null) return { ok: false, message: `${tenant.name} already has an admin: its admins manage its users.`, values };
  if (created === "taken") return { ok: false, fieldErrors: { username: "That username is taken on this site" }, values };
  return { ok: true, message: `Created the admin ${created.username}.`, values: { username: created.username } };
}

async function tenancyChange(
  change: () => Promise<unknown>,
  success: string,
  { field, values }: { field?: string; values?: Record<string, string> } = {},
): Promise<TenantFormState> {
  try {
    await change();
    return { ok: true, message: success };
  } catch (error) {
    if (!(error instanceof TenancyError)) throw error;
    return field && error.code !== "not_found" ? { ok: false, fieldErrors: { [field]: error.message }, values } : { ok: false, message: error.message, values };
  }
}
