"use server";
// Server actions of the platform admin. Each re-checks the platform session itself: a layout guards
// pages, never the actions they post to.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import {
  createTenantFromForm,
  deleteTenantFromForm,
  type CreateTenantFormState,
  type DeleteTenantFormState,
} from "@/lib/platform/tenant-forms";
import { unlockPlatformAdmin } from "@/lib/platform/admins";
import { getPlatformAdmin, tenantOrigins } from "@/lib/platform/session";
import { textField } from "@/lib/polls/form-state";

const SIGNED_OUT = "Your platform session has ended: sign in again.";

export async function createTenantAction(_prev: CreateTenantFormState | null, formData: FormData): Promise<CreateTenantFormState> {
  if (!(await getPlatformAdmin())) {
    return { ok: false, fieldErrors: {}, formError: SIGNED_OUT, values: { name: "", slug: "", domain: "" } };
  }
  const result = await createTenantFromForm(formData);
  if (!result.ok) return result;
  revalidatePath("/site/admin");
  return { ...result, origin: (await tenantOrigins())(result.slug) };
}

export async function deleteTenantAction(slug: string, _prev: DeleteTenantFormState, formData: FormData): Promise<DeleteTenantFormState> {
  if (!(await getPlatformAdmin())) return { ok: false, fieldErrors: {}, formError: SIGNED_OUT };
  const result = await deleteTenantFromForm(slug, formData);
  if (!result.ok) return result;
  revalidatePath("/site/admin");
  redirect(`/admin?deleted=${encodeURIComponent(slug)}`);
}

/** Lifts the sign-in lock on a platform admin's account (named in the form; looked up, never trusted). */
export async function unlockPlatformAdminAction(formData: FormData): Promise<void> {
  if (!(await getPlatformAdmin())) redirect("/admin/login");
  const username = textField(formData, "username");
  const unlocked = await unlockPlatformAdmin(username);
  revalidatePath("/site/admin");
  redirect(unlocked ? `/admin?${new URLSearchParams({ unlocked: username })}` : "/admin");
}
