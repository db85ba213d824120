import type { Metadata } from "next";
import { BrandingForm } from "@/components/forms/branding-form";
import { Card } from "@/components/ui/card";
import { Page, PageHeader } from "@/components/ui/shell";
import { requireAdmin } from "@/lib/auth/session";
import { requireTenantContext } from "@/lib/tenancy/next";
import { brandingAction } from "../actions";
import { AdminNav } from "../admin-nav";

export const metadata: Metadata = { title: "Settings" };

type Props = { params: Promise<{ tenant: string }> };

export default async function AdminSettings({ params }: Props) {
  const ctx = await requireTenantContext((await params).tenant);
  await requireAdmin(ctx, "/admin/settings");
  const { tenant } = ctx;

  return (
    <Page width="medium">
      <AdminNav current="settings" />
      <PageHeader title="Settings" description="How this site presents itself. Only this site's pages use these." />
      <Card as="section" aria-labelledby="branding-heading" className="grid gap-4">
        <h2 id="branding-heading">Branding</h2>
        <BrandingForm
          action={brandingAction.bind(null, tenant.slug)}
          initial={{ name: tenant.name, description: tenant.description, accentColor: tenant.accentColor ?? "", logoUrl: tenant.logoUrl ?? "" }}
        />
      </Card>
    </Page>
  );
}
