"use server";

import { redirect } from "next/navigation";
import { leaveAccountNotice } from "@/lib/auth/account-notice";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { signInToTenant } from "@/lib/auth/session";
import { signUpSchema, signUpUser } from "@/lib/auth/users";
import { fieldErrorsOf, textField, type FormState } from "@/lib/polls/form-state";
import { findTenantContext } from "@/lib/tenancy/next";

export type SignUpState = FormState<{ username: string; email: string }>;

/** Creates a voter account on this tenant and signs this browser in as it (no JavaScript needed). */
export async function signUpAction(slug: string, _prev: SignUpState, formData: FormData): Promise<SignUpState> {
  const ctx = await findTenantContext(slug);
  if (!ctx) return { ok: false, message: "Sign-up is not available here." };
  const values = { username: textField(formData, "username"), email: textField(formData, "email") };
  const parsed = signUpSchema.safeParse({ ...values, password: textField(formData, "password") });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values };

  const result = await signUpUser(ctx.db, parsed.data);
  if (!result.ok) return { ok: false, fieldErrors: { username: "That username is taken" }, values };
  const signedIn = await signInToTenant(ctx, { username: result.user.username, password: parsed.data.password });
  // Only the throttle can refuse a password just set; the account exists, so say how to go on.
  if (!signedIn.ok) return { ok: true, message: signedIn.message, values: { username: result.user.username, email: values.email } };
  await leaveAccountNotice("signed-in");
  redirect(safeCallbackPath(textField(formData, "callbackUrl")));
}
