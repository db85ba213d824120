"use server";
// Sign-in and sign-out as server actions (decision 014): plain form posts that work without JavaScript.
// The tenant is the request's host, never a form field; the return path is a path on that same host.
import { redirect } from "next/navigation";
import { leaveAccountNotice } from "@/lib/auth/account-notice";
import { signOutBrowser } from "@/lib/auth/browser-session";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { loginSchema } from "@/lib/auth/options";
import { signInToTenant } from "@/lib/auth/session";
import { fieldErrorsOf, textField, type FormState } from "@/lib/polls/form-state";
import { findHostTenantContext } from "@/lib/tenancy/next";

export type SignInState = FormState<{ username: string }>;

export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const ctx = await findHostTenantContext();
  if (!ctx) return { ok: false, message: "Sign-in is not available here." };
  const values = { username: textField(formData, "username") };
  const parsed = loginSchema.safeParse({ username: values.username, password: textField(formData, "password") });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values };

  const result = await signInToTenant(ctx, parsed.data);
  if (!result.ok) return { ok: false, message: result.message, values };
  await leaveAccountNotice("signed-in");
  redirect(safeCallbackPath(textField(formData, "callbackUrl")));
}

/** Ends the session; `next` (a same-host path) is where to go then, the polls by default. */
export async function signOutAction(formData: FormData): Promise<void> {
  await signOutBrowser();
  await leaveAccountNotice("signed-out");
  redirect(safeCallbackPath(textField(formData, "next")));
}
