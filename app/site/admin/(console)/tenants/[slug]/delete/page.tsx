import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePlatformAdmin } from "@/lib/platform/session";
import { findTenantBySlug, checkSlug } from "@/lib/tenancy";
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
    <main className="page narrow">
      <p className="eyebrow">
        <Link href="/admin">← Tenants</Link>
      </p>
      <h1>Delete {tenant.name}?</h1>
      <p>
        This drops the schema <span className="mono">{tenant.slug}</span> with every user, poll and vote in it, and removes
        its domains. Its site stops answering at once. This cannot be undone.
      </p>
      <DeleteTenantForm slug={tenant.slug} action={deleteTenantAction.bind(null, tenant.slug)} />
    </main>
  );
}
