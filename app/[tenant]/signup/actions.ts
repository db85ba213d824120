"use server";

import { signUpSchema, signUpUser } from "@/lib/auth/users";
import { fieldErrorsOf, textField, type FormState } from "@/lib/polls/form-state";
import { findTenantContext } from "@/lib/tenancy/context";

export type SignUpState = FormState<{ username: string; email: string }>;

/** Creates a voter account on this tenant; the form then signs the new user in. */
export async function signUpAction(slug: string, _prev: SignUpState, formData: FormData): Promise<SignUpState> {
  const ctx = await findTenantContext(slug);
  if (!ctx) return { ok: false, message: "Sign-up is not available here." };
  const values = { username: textField(formData, "username"), email: textField(formData, "email") };
  const parsed = signUpSchema.safeParse({ ...values, password: textField(formData, "password") });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values };

  const result = await signUpUser(ctx.db, parsed.data);
  if (!result.ok) return { ok: false, fieldErrors: { username: "That username is taken" }, values };
  return { ok: true, values: { username: result.user.username, email: values.email } };
}
