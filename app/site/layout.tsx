import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { SiteShell } from "@/components/ui/shell";
import { AccountNotice } from "@/components/ui/account-notice";
import { accountNotice } from "@/lib/auth/account-notice";
import { getPlatformAdmin } from "@/lib/platform/session";
import { SignOutButton } from "./sign-out-button";

export const metadata: Metadata = { title: { template: "%s · Polls", absolute: "Polls: a site for every community" } };

/** The platform's frame (the root domain): the same shell as a tenant's, with the platform's navigation. */
export default async function PlatformLayout({ children }: { children: React.ReactNode }) {
  const admin = await getPlatformAdmin();
  const notice = await accountNotice(!!admin);
  return (
    <SiteShell
      brand={{ name: "Polls", href: "/", mark: "P" }}
      nav={[
        { href: "/", label: "Communities" },
        ...(admin ? [{ href: "/admin", label: "Tenants", section: true }] : []),
      ]}
      account={(place) =>
        admin ? (
          <>
            <span className="text-sm text-muted" data-testid={place === "bar" ? "signed-in-admin" : undefined}>
              Signed in as <strong className="text-ink">{admin.username}</strong>
            </span>
            <SignOutButton />
          </>
        ) : (
          <Link href="/admin" className={buttonClass({ variant: "secondary", size: "sm" })}>
            Sign in
          </Link>
        )
      }
      notice={notice && <AccountNotice text={notice === "signed-in" ? `Signed in as ${admin?.username}.` : "You have signed out."} />}
      footer={
        <>
          <p>Polls · one app, a site for every community</p>
          <Link href="/admin">Platform admin</Link>
        </>
      }
    >
      {children}
    </SiteShell>
  );
}
