"use server";
// Platform sign-in and sign-out as server actions (decision 014): plain form posts, JavaScript optional.
import { redirect } from "next/navigation";
import { leaveAccountNotice } from "@/lib/auth/account-notice";
import { signOutBrowser } from "@/lib/auth/browser-session";
import { loginSchema } from "@/lib/auth/options";
import { fieldErrorsOf, textField, type FormState } from "@/lib/polls/form-state";
import { PLATFORM_LOGIN_PATH, safePlatformReturnPath } from "@/lib/platform/auth-options";
import { isPlatformRequest, signInToPlatform } from "@/lib/platform/session";

export type PlatformSignInState = FormState<{ username: string }>;

export async function platformSignInAction(_prev: PlatformSignInState, formData: FormData): Promise<PlatformSignInState> {
  const values = { username: textField(formData, "username") };
  const parsed = loginSchema.safeParse({ username: values.username, password: textField(formData, "password") });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values };
  const result = await signInToPlatform(parsed.data);
  if (!result.ok) return { ok: false, message: result.message, values };
  await leaveAccountNotice("signed-in");
  redirect(safePlatformReturnPath(textField(formData, "callbackUrl")));
}

export async function platformSignOutAction(): Promise<void> {
  if (await isPlatformRequest()) {
    await signOutBrowser();
    await leaveAccountNotice("signed-out");
  }
  redirect(PLATFORM_LOGIN_PATH);
}
