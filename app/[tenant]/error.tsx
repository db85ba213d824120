"use client";

import { Button, ButtonLink } from "@/components/ui/button";
import { Page } from "@/components/ui/shell";

// The cause stays in the server log; the digest lets an admin find it there.
export default function TenantError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <Page width="narrow" className="justify-items-center text-center">
      <p className="text-sm font-semibold tracking-wide text-brand uppercase">Something went wrong</p>
      <h1>Sorry, that did not work</h1>
      <p className="text-muted">An unexpected error stopped this page. Please try again in a moment.</p>
      {error.digest && <p className="font-mono text-sm text-muted">Reference: {error.digest}</p>}
      <div className="flex flex-wrap justify-center gap-2">
        <Button onClick={reset}>Try again</Button>
        <ButtonLink variant="secondary" href="/">
          Back to the polls
        </ButtonLink>
      </div>
    </Page>
  );
}
