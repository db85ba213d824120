import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Page } from "@/components/ui/shell";

export const metadata: Metadata = { title: "Not found" };

// A path that matches no route, on any host: drawn in the root layout alone (no tenant is known here).
export default function NotFound() {
  return (
    <Page width="narrow" className="min-h-screen content-center justify-items-center text-center">
      <p className="text-sm font-semibold tracking-wide text-brand uppercase">404</p>
      <h1>Nothing here</h1>
      <p className="text-muted">The page you asked for does not exist, or it is not yours to see.</p>
      <ButtonLink variant="secondary" href="/">
        Go to the home page
      </ButtonLink>
    </Page>
  );
}
