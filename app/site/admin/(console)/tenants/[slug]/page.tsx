import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BrandingForm } from "@/components/forms/branding-form";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Page, PageHeader } from "@/components/ui/shell";
import { requirePlatformAdmin, tenantOrigins } from "@/lib/platform/session";
import { findTenantAdminCount, findTenantDomains } from "@/lib/platform/tenants";
import { findTenantBySlug } from "@/lib/tenancy";
import { checkSlug } from "@/lib/tenancy/manage";
import { addDomainAction, changeDomainAction, createFirstAdminAction, platformBrandingAction, renameTenantAction } from "./actions";
import { AddDomainForm, DomainsForm, FirstAdminForm, RenameTenantForm } from "./tenant-forms";

export const metadata: Metadata = { title: "Tenant" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ renamed?: string | string[]; adminCreated?: string | string[] }> };

export default async function TenantPage({ params, searchParams }: Props) {
  const { slug } = await params;
  await requirePlatformAdmin(`/admin/tenants/${encodeURIComponent(slug)}`);
  const tenant = checkSlug(slug).ok ? await findTenantBySlug(slug) : null;
  if (!tenant) notFound();
  const { renamed, adminCreated } = await searchParams;
  const [origin, domains, admins] = await Promise.all([tenantOrigins().then((of) => of(tenant.slug)), findTenantDomains(tenant.id), findTenantAdminCount(tenant)]);

  return (
    <Page width="medium">
      <p>
        <Link href="/admin">← Tenants</Link>
      </p>
      <PageHeader
        eyebrow={<span className="font-mono normal-case">{tenant.slug}</span>}
        title={tenant.name}
        description={tenant.description || undefined}
        actions={
          <>
            <ButtonLink href={origin} variant="secondary" prefetch={false}>
              Open site
            </ButtonLink>
            <ButtonLink href={`${origin}/admin`} variant="secondary" prefetch={false}>
              Open its admin
            </ButtonLink>
          </>
        }
      />
      {typeof renamed === "string" && (
        <Alert tone="success" role="status">
          Renamed <span className="font-mono">{renamed}</span> to <span className="font-mono">{tenant.slug}</span>: it now answers at{" "}
          <a href={origin}>{origin.replace(/^https?:\/\//, "")}</a>.
        </Alert>
      )}

      <Card as="section" aria-labelledby="branding-heading" className="grid gap-4">
        <h2 id="branding-heading">Branding</h2>
        <BrandingForm
          action={platformBrandingAction.bind(null, tenant.slug)}
          initial={{ name: tenant.name, description: tenant.description, accentColor: tenant.accentColor ?? "", logoUrl: tenant.logoUrl ?? "" }}
        />
      </Card>

      <Card as="section" aria-labelledby="domains-heading" className="grid gap-4">
        <h2 id="domains-heading">Domains</h2>
        <p className="text-muted">
          Always at <a href={origin}>{origin.replace(/^https?:\/\//, "")}</a>.
        </p>
        <DomainsForm action={changeDomainAction.bind(null, tenant.slug)} domains={domains} />
        <AddDomainForm action={addDomainAction.bind(null, tenant.slug)} />
      </Card>

      <Card as="section" aria-labelledby="admin-heading" className="grid gap-4">
        <h2 id="admin-heading">First admin</h2>
        {typeof adminCreated === "string" && (
          <Alert tone="success" role="status">
            Created the admin <strong>{adminCreated}</strong>: they can sign in at <a href={`${origin}/login`}>its sign-in page</a> now.
          </Alert>
        )}
        {admins === null ? (
          <p className="text-muted">Its database cannot be read right now.</p>
        ) : admins > 0 ? (
          <p className="text-muted">
            It has {admins} {admins === 1 ? "admin" : "admins"}: they manage its users at <a href={`${origin}/admin/users`}>its admin</a>.
          </p>
        ) : (
          <>
            <p className="text-muted">Nobody can manage this site yet: create its first admin.</p>
            <FirstAdminForm action={createFirstAdminAction.bind(null, tenant.slug)} />
          </>
        )}
      </Card>

      <Card as="section" tone="danger" aria-labelledby="rename-heading" className="grid gap-4">
        <h2 id="rename-heading">Rename</h2>
        <RenameTenantForm action={renameTenantAction.bind(null, tenant.slug)} slug={tenant.slug} />
      </Card>

      <Card as="section" tone="danger" aria-labelledby="delete-heading" className="grid gap-3">
        <h2 id="delete-heading">Delete</h2>
        <p>Drops its schema with every user, poll and vote. Asks for the slug first.</p>
        <div>
          <ButtonLink href={`/admin/tenants/${tenant.slug}/delete`} variant="danger">
            Delete {tenant.slug}…
          </ButtonLink>
        </div>
      </Card>
    </Page>
  );
}
