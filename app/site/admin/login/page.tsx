import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { getPlatformAdmin } from "@/lib/platform/session";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Platform sign in" };

type Props = { searchParams: Promise<{ callbackUrl?: string | string[] }> };

export default async function PlatformLoginPage({ searchParams }: Props) {
  const { callbackUrl } = await searchParams;
  const returnTo = safeReturnPath(callbackUrl);
  if (await getPlatformAdmin()) redirect(returnTo);

  return (
    <main className="page narrow">
      <p className="eyebrow">Polls platform</p>
      <h1>Sign in to the platform admin</h1>
      <p className="muted">For the operators of the whole platform. Community admins sign in on their community&rsquo;s own address.</p>
      <LoginForm callbackUrl={returnTo} />
    </main>
  );
}

/** Only a path on this site under /admin; anything else (other hosts, `//evil`) goes to the tenants page. */
function safeReturnPath(value: string | string[] | undefined): string {
  const path = safeCallbackPath(value, "/admin");
  return /^\/admin(\/|\?|$)/.test(path) ? path : "/admin";
}
