import Link from "next/link";
import { SignOutButton } from "./_components/sign-out-button";

/** Rendered with status 403 by forbidden(): a signed-in voter on an admin page. */
export default function TenantForbidden() {
  return (
    <main className="page narrow center">
      <p className="eyebrow">403</p>
      <h1>Admins only</h1>
      <p className="muted">You are signed in, but this page is for this site&apos;s admins.</p>
      <div className="actions">
        <Link className="button secondary" href="/">
          Back to the polls
        </Link>
        <SignOutButton label="Sign in as another user" next="/login?callbackUrl=%2Fadmin" />
      </div>
    </main>
  );
}
