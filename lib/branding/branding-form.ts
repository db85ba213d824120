// The branding form, shared by the tenant admin's settings page and the platform admin's tenant page:
// fields in, field errors out beside the field that caused them, nothing saved unless all are valid. The
// tenant is the caller's (the host's, or the platform page's), never a form field.
import "server-only";
import { TenancyError } from "@/lib/tenancy";
import { brandingSchema, updateTenantBranding } from "@/lib/tenancy/manage";
import { fieldErrorsOf, textField, type FormState } from "@/lib/polls/form-state";

export const BRANDING_FIELDS = ["name", "description", "accentColor", "logoUrl"] as const;
export type BrandingValues = Record<(typeof BRANDING_FIELDS)[number], string>;
export type BrandingFormState = FormState<BrandingValues>;

export async function saveBrandingFromForm(slug: string, formData: FormData): Promise<BrandingFormState> {
  const values = Object.fromEntries(BRANDING_FIELDS.map((field) => [field, textField(formData, field).slice(0, 1_000)])) as BrandingValues;
  const parsed = brandingSchema.safeParse(values);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    const tenant = await updateTenantBranding(slug, parsed.data);
    return {
      ok: true,
      message: "Branding saved.",
      values: { name: tenant.name, description: tenant.description, accentColor: tenant.accentColor ?? "", logoUrl: tenant.logoUrl ?? "" },
    };
  } catch (error) {
    if (error instanceof TenancyError && error.code === "not_found") return { ok: false, message: error.message, values };
    throw error;
  }
}
