"use client";

import Link from "next/link";

// The cause stays in the server log; the digest lets an admin find it there.
export default function TenantError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="page narrow center">
      <p className="eyebrow">Something went wrong</p>
      <h1>Sorry, that did not work</h1>
      <p className="muted">An unexpected error stopped this page. Please try again in a moment.</p>
      {error.digest && <p className="muted mono">Reference: {error.digest}</p>}
      <div className="actions center-actions">
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>
        <Link className="button secondary" href="/">
          Back to the polls
        </Link>
      </div>
    </main>
  );
}
