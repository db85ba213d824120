"use server";
// The platform admin's actions on one tenant. Each re-checks the platform session itself (a page guards
// nothing an action can be posted to directly), and the tenant is the bound slug, looked up again here.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { saveBrandingFromForm, type BrandingFormState } from "@/lib/branding/branding-form";
import { getPlatformAdmin } from "@/lib/platform/session";
import {
  addDomainFromForm,
  changeDomainFromForm,
  createFirstAdminFromForm,
  renameTenantFromForm,
  type TenantFormState,
} from "@/lib/platform/tenant-forms";
import { findTenantBySlug, type Tenant } from "@/lib/tenancy";
import { checkSlug } from "@/lib/tenancy/manage";

const SIGNED_OUT = { ok: false, message: "Your platform session has ended: sign in again." } as const;
const NO_TENANT = { ok: false, message: "This tenant no longer exists." } as const;

/** The tenant a platform admin is acting on, or the refusal to show beside the form. */
async function tenantForAdmin(slug: string): Promise<{ tenant: Tenant } | { refusal: { ok: false; message: string } }> {
  if (!(await getPlatformAdmin())) return { refusal: SIGNED_OUT };
  const tenant = checkSlug(slug).ok ? await findTenantBySlug(slug) : null;
  return tenant ? { tenant } : { refusal: NO_TENANT };
}

function revalidateConsole() {
  revalidatePath("/site/admin", "layout");
}

export async function renameTenantAction(slug: string, _prev: TenantFormState, formData: FormData): Promise<TenantFormState> {
  const found = await tenantForAdmin(slug);
  if ("refusal" in found) return found.refusal;
  const result = await renameTenantFromForm(found.tenant.slug, formData);
  if (!result.ok || !result.slug) return result;
  revalidateConsole();
  redirect(`/admin/tenants/${result.slug}?${new URLSearchParams({ renamed: slug })}`);
}

export async function addDomainAction(slug: string, _prev: TenantFormState, formData: FormData): Promise<TenantFormState> {
  const found = await tenantForAdmin(slug);
  if ("refusal" in found) return found.refusal;
  const result = await addDomainFromForm(found.tenant.slug, formData);
  if (result.ok) revalidateConsole();
  return result;
}

export async function changeDomainAction(slug: string, _prev: TenantFormState, formData: FormData): Promise<TenantFormState> {
  const found = await tenantForAdmin(slug);
  if ("refusal" in found) return found.refusal;
  const result = await changeDomainFromForm(found.tenant.slug, formData);
  if (result.ok) revalidateConsole();
  return result;
}

export async function createFirstAdminAction(slug: string, _prev: TenantFormState, formData: FormData): Promise<TenantFormState> {
  const found = await tenantForAdmin(slug);
  if ("refusal" in found) return found.refusal;
  const result = await createFirstAdminFromForm(found.tenant, formData);
  if (!result.ok || !result.values?.username) return result;
  revalidateConsole();
  // The page now shows the tenant's admin count instead of the form, with this answer beside it.
  redirect(`/admin/tenants/${found.tenant.slug}?${new URLSearchParams({ adminCreated: result.values.username })}`);
}

export async function platformBrandingAction(slug: string, _prev: BrandingFormState, formData: FormData): Promise<BrandingFormState> {
  const found = await tenantForAdmin(slug);
  if ("refusal" in found) return found.refusal;
  const result = await saveBrandingFromForm(found.tenant.slug, formData);
  if (result.ok) revalidateConsole();
  return result;
}
