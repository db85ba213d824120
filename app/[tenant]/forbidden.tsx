import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Page } from "@/components/ui/shell";
import { SignOutButton } from "./_components/sign-out-button";

export const metadata: Metadata = { title: "Admins only" };

/** Rendered with status 403 by forbidden(): a signed-in voter on an admin page. */
export default function TenantForbidden() {
  return (
    <Page width="narrow" className="justify-items-center text-center">
      <p className="text-sm font-semibold tracking-wide text-brand uppercase">403</p>
      <h1>Admins only</h1>
      <p className="text-muted">You are signed in, but this page is for this site&apos;s admins.</p>
      <div className="flex flex-wrap justify-center gap-2">
        <ButtonLink variant="secondary" href="/">
          Back to the polls
        </ButtonLink>
        <SignOutButton label="Sign in as another user" next="/login?callbackUrl=%2Fadmin" />
      </div>
    </Page>
  );
}
