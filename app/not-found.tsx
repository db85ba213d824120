import Link from "next/link";

export default function NotFound() {
  return (
    <main className="page narrow center">
      <p className="eyebrow">404</p>
      <h1>Nothing here</h1>
      <p className="muted">The page you asked for does not exist, or it is not yours to see.</p>
      <Link className="button secondary" href="/">
        Go to the home page
      </Link>
    </main>
  );
}
