import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safePlatformReturnPath } from "@/lib/platform/auth-options";
import { getPlatformAdmin } from "@/lib/platform/session";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Platform sign in" };

type Props = { searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }> };

export default async function PlatformLoginPage({ searchParams }: Props) {
  const { callbackUrl, error } = await searchParams;
  const returnTo = safePlatformReturnPath(callbackUrl);
  if (await getPlatformAdmin()) redirect(returnTo);

  return (
    <main className="page narrow">
      <p className="eyebrow">Polls platform</p>
      <h1>Sign in to the platform admin</h1>
      <p className="muted">For the operators of the whole platform. Community admins sign in on their community&rsquo;s own address.</p>
      <LoginForm callbackUrl={returnTo} notice={error === undefined ? undefined : "Wrong username or password."} />
    </main>
  );
}
