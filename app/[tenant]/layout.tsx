import Link from "next/link";
import { requireTenantContext } from "@/lib/tenancy/context";

export default async function TenantLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  const { tenant } = await requireTenantContext((await params).tenant);

  return (
    <div className="tenant-shell">
      <header className="topbar">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            {tenant.name.slice(0, 1).toUpperCase()}
          </span>
          {tenant.name} Polls
        </Link>
      </header>
      {children}
    </div>
  );
}
