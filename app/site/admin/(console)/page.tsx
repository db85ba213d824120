import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { Page, PageHeader } from "@/components/ui/shell";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { env } from "@/lib/env";
import { lockedPlatformAdmins } from "@/lib/platform/admins";
import { requirePlatformAdmin, tenantOrigins } from "@/lib/platform/session";
import { unlockPlatformAdminAction } from "./actions";
import { listTenantsPage, TENANTS_PAGE_SIZE } from "@/lib/platform/tenants";
import { DOMAIN_MAX, MAX_SLUG_LENGTH, TENANT_NAME_MAX } from "@/lib/tenancy/manage";
import { pageFromParam } from "@/lib/pagination";
import { CreateTenantForm } from "./create-tenant-form";
import { TenantPortabilityControls } from "./tenant-portability-controls";

export const metadata: Metadata = { title: "Tenants" };

type Props = { searchParams: Promise<{ page?: string | string[]; deleted?: string | string[]; unlocked?: string | string[] }> };

export default async function TenantsAdminPage({ searchParams }: Props) {
  const { page: pageParam, deleted, unlocked } = await searchParams;
  const requested = pageFromParam(pageParam);
  await requirePlatformAdmin(requested > 1 ? `/admin?page=${requested}` : "/admin");
  const { rows, page, total } = await listTenantsPage(requested);
  const originOf = await tenantOrigins();
  const locked = await lockedPlatformAdmins();

  return (
    <Page>
      <PageHeader eyebrow="Platform admin" title="Tenants" description={`${total} ${total === 1 ? "tenant" : "tenants"}`} actions={<ButtonLink href="#create-heading" variant="secondary">Create a tenant</ButtonLink>} />
      {typeof deleted === "string" && (
        <Alert tone="success" role="status">
          Tenant <span className="font-mono">{deleted}</span> was deleted, with its schema and all its data.
        </Alert>
      )}
      {typeof unlocked === "string" && (
        <Alert tone="success" role="status">
          Unlocked the platform account <span className="font-mono">{unlocked}</span>.
        </Alert>
      )}
      {locked.length > 0 && (
        <Card as="section" aria-labelledby="locked-heading" className="grid gap-3">
          <h2 id="locked-heading">Locked platform accounts</h2>
          <p className="text-muted">Too many failed sign-ins: only browsers that signed in to these accounts before can sign in.</p>
          <ul className="grid gap-2">
            {locked.map((username) => (
              <li key={username} className="flex flex-wrap items-center gap-2">
                <span className="font-mono break-all">{username}</span> <Badge tone="danger">Locked</Badge>
                <form action={unlockPlatformAdminAction} className="contents">
                  <input type="hidden" name="username" value={username} />
                  <Button type="submit" variant="secondary" size="sm">
                    Unlock<span className="sr-only"> {username}</span>
                  </Button>
                </form>
              </li>
            ))}
          </ul>
        </Card>
      )}

      {rows.length === 0 ? (
        <EmptyState title="No tenants yet." action={<ButtonLink href="#create-heading">Create the first one</ButtonLink>} />
      ) : (
        <Table caption="Tenants">
          <THead>
            <Th>Slug</Th>
            <Th>Name</Th>
            <Th>Domains</Th>
            <Th>Polls</Th>
            <Th hidden>Actions</Th>
          </THead>
          <TBody>
            {rows.map((tenant) => {
              const origin = originOf(tenant.slug);
              return (
                <Tr key={tenant.id} data-slug={tenant.slug}>
                  <Td className="font-mono font-semibold break-all max-sm:text-lg">{tenant.slug}</Td>
                  <Td label="Name" className="wrap-anywhere">
                    {tenant.name}
                  </Td>
                  <Td label="Domains">
                    <span className="grid min-w-0 gap-0.5">
                      <a href={origin} className="break-all">
                        {origin.replace(/^https?:\/\//, "")}
                      </a>
                      {tenant.domains.map((domain) => (
                        <span key={domain} className="font-mono text-sm break-all">
                          {domain}
                        </span>
                      ))}
                    </span>
                  </Td>
                  <Td label="Polls">{tenant.pollCount ?? "—"}</Td>
                  <Td actions>
                    <ButtonLink size="sm" href={`/admin/tenants/${tenant.slug}`}>
                      Manage<span className="sr-only"> {tenant.slug}</span>
                    </ButtonLink>
                    <TenantPortabilityControls slug={tenant.slug} />
                    <ButtonLink variant="danger" size="sm" href={`/admin/tenants/${tenant.slug}/delete`}>
                      Delete<span className="sr-only"> {tenant.slug}</span>
                    </ButtonLink>
                  </Td>
                </Tr>
              );
            })}
          </TBody>
        </Table>
      )}

      <Pagination page={page} total={total} pageSize={TENANTS_PAGE_SIZE} href={(p) => `/admin?page=${p}`} />

      <section aria-labelledby="create-heading" className="mt-4 grid scroll-mt-4 gap-3">
        <h2 id="create-heading" className="text-2xl">
          Create a tenant
        </h2>
        <p className="text-muted">
          Creates the registry entry, its PostgreSQL schema and every migration in one step. It serves at{" "}
          <span className="font-mono break-all">&lt;slug&gt;.{env().ROOT_DOMAIN}</span> at once.
        </p>
        <CreateTenantForm rootDomain={env().ROOT_DOMAIN} limits={{ name: TENANT_NAME_MAX, slug: MAX_SLUG_LENGTH, domain: DOMAIN_MAX }} />
      </section>
    </Page>
  );
}
