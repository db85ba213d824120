import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { getCurrentUser } from "@/lib/auth/session";
import { Card } from "@/components/ui/card";
import { Page } from "@/components/ui/shell";
import { requireTenantContext } from "@/lib/tenancy/next";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Log in" };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }> };

/** next-auth's own endpoints send a refused sign-in back here as `?error=<code>`. */
function errorNotice(code: string | string[] | undefined): string | undefined {
  if (code === undefined) return undefined;
  return code === "CredentialsSignin" ? "Wrong username or password." : "Signing in did not work. Try again.";
}

export default async function LoginPage({ params, searchParams }: Props) {
  const ctx = await requireTenantContext((await params).tenant);
  const query = await searchParams;
  const callbackPath = safeCallbackPath(query.callbackUrl);
  if (await getCurrentUser(ctx)) redirect(callbackPath);

  return (
    <Page width="narrow">
      <Card className="grid gap-3">
        <h1>Log in to {ctx.tenant.name}</h1>
        <p className="text-muted">Use the account you made on this site. Accounts on other sites do not work here.</p>
        <LoginForm callbackPath={callbackPath} notice={errorNotice(query.error)} />
        <p className="text-muted">
          New here? <Link href={`/signup?callbackUrl=${encodeURIComponent(callbackPath)}`}>Create an account</Link>
        </p>
      </Card>
    </Page>
  );
}
