import { requireTenantContext } from "@/lib/tenancy/next";
import { TenantShell } from "./_components/tenant-shell";

export default async function TenantLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  const ctx = await requireTenantContext((await params).tenant);
  return <TenantShell ctx={ctx}>{children}</TenantShell>;
}
