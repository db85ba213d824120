import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Page, PageHeader } from "@/components/ui/shell";
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
    <Page width="narrow">
      <PageHeader
        eyebrow="Polls platform"
        title="Sign in to the platform admin"
        description="For the operators of the whole platform. Community admins and members sign in on their community’s own site."
      />
      <LoginForm callbackUrl={returnTo} notice={error === undefined ? undefined : "Wrong username or password."} />
    </Page>
  );
}
