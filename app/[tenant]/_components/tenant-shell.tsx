import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import type { TenantContext } from "@/lib/tenancy/next";
import { SignOutButton } from "./sign-out-button";

/** Every tenant page's frame: the tenant's name and the navigation for whoever is signed in. */
export async function TenantShell({ ctx, children }: { ctx: TenantContext; children: React.ReactNode }) {
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
