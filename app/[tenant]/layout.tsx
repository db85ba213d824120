import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { requireTenantContext } from "@/lib/tenancy/context";
import { SignOutButton } from "./_components/sign-out-button";

export default async function TenantLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  const ctx = await requireTenantContext((await params).tenant);
  const user = await getCurrentUser(ctx);

  return (
    <div className="tenant-shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            {ctx.tenant.name.slice(0, 1).toUpperCase()}
          </span>
          {ctx.tenant.name} Polls
        </Link>
        <nav aria-label="Main">
          <Link href="/">Polls</Link>
          {user?.role === "admin" && <Link href="/admin">Admin</Link>}
          {user ? (
            <>
              <span className="nav-user" data-testid="signed-in-user">
                <span className="sr-only">Signed in as </span>
                {user.username}
              </span>
              <SignOutButton />
            </>
          ) : (
            <>
              <Link href="/login">Log in</Link>
              <Link href="/signup" className="button small">
                Sign up
              </Link>
            </>
          )}
        </nav>
      </header>
      <div id="main">{children}</div>
    </div>
  );
}
