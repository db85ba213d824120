import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConfirmStep } from "@/components/ui/confirm-step";
import { Page } from "@/components/ui/shell";
import { requirePlatformAdmin } from "@/lib/platform/session";
import { findTenantBySlug } from "@/lib/tenancy";
import { checkSlug } from "@/lib/tenancy/manage";
import { deleteTenantAction } from "../../../actions";
import { DeleteTenantForm } from "./delete-tenant-form";

export const metadata: Metadata = { title: "Delete tenant" };

type Props = { params: Promise<{ slug: string }> };

export default async function DeleteTenantPage({ params }: Props) {
  const { slug } = await params;
  await requirePlatformAdmin(`/admin/tenants/${encodeURIComponent(slug)}/delete`);
  const tenant = checkSlug(slug).ok ? await findTenantBySlug(slug) : null;
  if (!tenant) notFound();

  return (
    <Page width="medium">
      <p className="text-sm font-semibold">
        <Link href="/admin">← Tenants</Link>
      </p>
      <ConfirmStep
        title={`Delete ${tenant.name}?`}
        form={<DeleteTenantForm slug={tenant.slug} action={deleteTenantAction.bind(null, tenant.slug)} />}
        cancelHref="/admin"
        cancelLabel="Cancel, keep the tenant"
      >
        <p>
          This drops the schema <span className="font-mono break-all">{tenant.slug}</span> with every user, poll and vote in
          it, and removes its domains. Its site stops answering at once. This cannot be undone.
        </p>
      </ConfirmStep>
    </Page>
  );
}
