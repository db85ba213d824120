// "Signed in as …" / "You have signed out" on the page a sign-in or sign-out lands on. The action leaves a short-lived
// cookie on its own host; the shell shows the notice while the cookie lasts, and the page's script clears it once
// shown (without JavaScript it lasts ACCOUNT_NOTICE_MAX_AGE_S). No query parameter: return paths stay as they were.
import "server-only";
import { cookies } from "next/headers";
import { z } from "zod";
import { ACCOUNT_NOTICE_COOKIE } from "@/lib/auth/account-notice-cookie";

export const ACCOUNT_NOTICE_MAX_AGE_S = 20;

const eventSchema = z.enum(["signed-in", "signed-out"]);
export type AccountEvent = z.infer<typeof eventSchema>;

/** Called by a sign-in or sign-out action, before its redirect. */
export async function leaveAccountNotice(event: AccountEvent): Promise<void> {
  (await cookies()).set(ACCOUNT_NOTICE_COOKIE, event, { path: "/", maxAge: ACCOUNT_NOTICE_MAX_AGE_S, sameSite: "lax" });
}

/** The event to announce, if it matches who is (or is not) signed in now. */
export async function accountNotice(signedIn: boolean): Promise<AccountEvent | null> {
  const event = eventSchema.safeParse((await cookies()).get(ACCOUNT_NOTICE_COOKIE)?.value).data;
  if (event === "signed-in" && signedIn) return event;
  if (event === "signed-out" && !signedIn) return event;
  return null;
}
