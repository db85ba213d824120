import Link from "next/link";

export default function TenantNotFound() {
  return (
    <main className="page narrow center">
      <p className="eyebrow">404</p>
      <h1>We could not find that page</h1>
      <p className="muted">The poll may have been deleted, or the address is mistyped.</p>
      <Link className="button secondary" href="/">
        Back to the polls
      </Link>
    </main>
  );
}
