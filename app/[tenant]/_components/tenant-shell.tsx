import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { brandStyle } from "@/lib/branding/brand-style";
import type { TenantContext } from "@/lib/tenancy";
import { SignOutButton } from "./sign-out-button";

/** Every tenant page's frame: the tenant's name and the navigation for whoever is signed in. */
export async function TenantShell({ ctx, children }: { ctx: TenantContext; children: React.ReactNode }) {
  const user = await getCurrentUser(ctx);

  return (
    // The tenant's accent, set per request: only this tenant's pages carry it (decision 030).
    <div className="tenant-shell" style={brandStyle(ctx.tenant.accentColor)} data-brand={ctx.tenant.accentColor ?? undefined}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          {ctx.tenant.logoUrl ? (
            // eslint-disable-next-line @next/next/no-img-element -- a tenant's own URL, not a build-time asset
            <img className="brand-logo" src={ctx.tenant.logoUrl} alt="" width={32} height={32} />
          ) : (
            <span className="brand-mark" aria-hidden="true">
              {ctx.tenant.name.slice(0, 1).toUpperCase()}
            </span>
          )}
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
