import Link from "next/link";
import { requirePlatformAdmin } from "@/lib/platform/session";
import { SignOutButton } from "./sign-out-button";

export default async function PlatformConsoleLayout({ children }: { children: React.ReactNode }) {
  const admin = await requirePlatformAdmin("/admin");

  return (
    <div>
      <header className="topbar">
        <Link href="/admin" className="brand">
          <span className="brand-mark" aria-hidden="true">
            P
          </span>
          Platform admin
        </Link>
        <nav aria-label="Account">
          <span className="muted">
            Signed in as <strong>{admin.username}</strong>
          </span>
          <SignOutButton />
        </nav>
      </header>
      {children}
    </div>
  );
}
