import type { Metadata } from "next";
import { requireTenantContext } from "@/lib/tenancy/next";
import { TenantShell } from "./_components/tenant-shell";

type Props = { children: React.ReactNode; params: Promise<{ tenant: string }> };

// Every tenant page's title ends with the tenant's name: "Poll question · Thor", "Not found · Thor".
export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  const { tenant } = await requireTenantContext((await params).tenant);
  return { title: { template: `%s · ${tenant.name}`, default: `${tenant.name} Polls` } };
}

export default async function TenantLayout({ children, params }: Props) {
  const ctx = await requireTenantContext((await params).tenant);
  return <TenantShell ctx={ctx}>{children}</TenantShell>;
}
