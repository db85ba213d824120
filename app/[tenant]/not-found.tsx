import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Page } from "@/components/ui/shell";

export const metadata: Metadata = { title: "Not found" };

export default function TenantNotFound() {
  return (
    <Page width="narrow" className="justify-items-center text-center">
      <p className="text-sm font-semibold tracking-wide text-brand uppercase">404</p>
      <h1>We could not find that page</h1>
      <p className="text-muted">The poll may have been deleted, or the address is mistyped.</p>
      <ButtonLink variant="secondary" href="/">
        Back to the polls
      </ButtonLink>
    </Page>
  );
}
