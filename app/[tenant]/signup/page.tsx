import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { getCurrentUser } from "@/lib/auth/session";
import { Card } from "@/components/ui/card";
import { Page } from "@/components/ui/shell";
import { requireTenantContext } from "@/lib/tenancy/next";
import { signUpAction } from "./actions";
import { SignUpForm } from "./signup-form";

export const metadata: Metadata = { title: "Sign up" };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<{ callbackUrl?: string | string[] }> };

export default async function SignUpPage({ params, searchParams }: Props) {
  const ctx = await requireTenantContext((await params).tenant);
  const callbackPath = safeCallbackPath((await searchParams).callbackUrl);
  if (await getCurrentUser(ctx)) redirect(callbackPath);

  return (
    <Page width="narrow">
      <Card className="grid gap-3">
        <h1>Join {ctx.tenant.name}</h1>
        <p className="text-muted">An account here lets you vote on {ctx.tenant.name}&apos;s polls.</p>
        <SignUpForm action={signUpAction.bind(null, ctx.tenant.slug)} callbackPath={callbackPath} />
        <p className="text-muted">
          Already have an account? <Link href={`/login?callbackUrl=${encodeURIComponent(callbackPath)}`}>Log in</Link>
        </p>
      </Card>
    </Page>
  );
}
