import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { SiteShell } from "@/components/ui/shell";
import { AccountNotice } from "@/components/ui/account-notice";
import { accountNotice } from "@/lib/auth/account-notice";
import { getCurrentUser } from "@/lib/auth/session";
import { brandStyle } from "@/lib/branding/brand-style";
import type { TenantContext } from "@/lib/tenancy/next";
import { SignOutButton } from "./sign-out-button";

/** Every tenant page's frame: the tenant's name and the navigation for whoever is signed in. */
export async function TenantShell({ ctx, children }: { ctx: TenantContext; children: React.ReactNode }) {
  const user = await getCurrentUser(ctx);
  const name = ctx.tenant.name;
  const notice = await accountNotice(!!user);

  return (
    // The tenant's accent, set per request: only this tenant's pages carry it (decision 030).
    <SiteShell
      style={brandStyle(ctx.tenant.accentColor)}
      brand={{ name: `${name} Polls`, href: "/", mark: name.slice(0, 1).toUpperCase(), logoUrl: ctx.tenant.logoUrl }}
      nav={[{ href: "/", label: "Polls" }, ...(user?.role === "admin" ? [{ href: "/admin", label: "Admin", section: true }] : [])]}
      account={(place) =>
        user ? (
          <>
            <span className="text-sm text-muted" data-testid={place === "bar" ? "signed-in-user" : undefined}>
              Signed in as <strong className="text-ink">{user.username}</strong>
            </span>
            <SignOutButton />
          </>
        ) : (
          <>
            <Link href="/login" className={buttonClass({ variant: "ghost", size: "sm" })}>
              Log in
            </Link>
            <Link href="/signup" className={buttonClass({ size: "sm" })}>
              Sign up
            </Link>
          </>
        )
      }
      notice={notice && <AccountNotice text={notice === "signed-in" ? `Signed in as ${user?.username}.` : "You have signed out."} />}
      footer={
        <>
          <p>
            {name} Polls · votes stay on {name}&apos;s own site
          </p>
          <ul className="flex flex-wrap gap-4">
            <li>
              <Link href="/api/docs">API docs</Link>
            </li>
            <li>
              <a href="/api/openapi.json">OpenAPI</a>
            </li>
          </ul>
        </>
      }
    >
      {children}
    </SiteShell>
  );
}
