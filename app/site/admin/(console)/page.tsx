import type { Metadata } from "next";
import Link from "next/link";
import { env } from "@/lib/env";
import { lockedPlatformAdmins } from "@/lib/platform/admins";
import { requirePlatformAdmin, tenantOrigins } from "@/lib/platform/session";
import { unlockPlatformAdminAction } from "./actions";
import { listTenantsPage } from "@/lib/platform/tenants";
import { pageFromParam } from "@/lib/polls/pagination";
import { CreateTenantForm } from "./create-tenant-form";

export const metadata: Metadata = { title: "Tenants" };

type Props = { searchParams: Promise<{ page?: string | string[]; deleted?: string | string[]; unlocked?: string | string[] }> };

export default async function TenantsAdminPage({ searchParams }: Props) {
  const { page: pageParam, deleted, unlocked } = await searchParams;
  const requested = pageFromParam(pageParam);
  await requirePlatformAdmin(requested > 1 ? `/admin?page=${requested}` : "/admin");
  const { rows, page, pageCount, total } = await listTenantsPage(requested);
  const originOf = await tenantOrigins();
  const locked = await lockedPlatformAdmins();

  return (
    <main className="page">
      <div className="toolbar">
        <h1>Tenants</h1>
        <p className="muted">
          {total} {total === 1 ? "tenant" : "tenants"}
        </p>
      </div>
      {typeof deleted === "string" && (
        <p className="alert success" role="status">
          Tenant <span className="mono">{deleted}</span> was deleted, with its schema and all its data.
        </p>
      )}

      {typeof unlocked === "string" && (
        <p className="alert success" role="status">
          Unlocked the platform account <span className="mono">{unlocked}</span>.
        </p>
      )}
      {locked.length > 0 && (
        <section aria-labelledby="locked-heading" className="card stack">
          <h2 id="locked-heading">Locked platform accounts</h2>
          <p className="muted">Too many failed sign-ins: only browsers that signed in to these accounts before can sign in.</p>
          <ul>
            {locked.map((username) => (
              <li key={username}>
                <span className="mono">{username}</span> <span className="badge danger">Locked</span>{" "}
                <form action={unlockPlatformAdminAction} className="inline-form">
                  <input type="hidden" name="username" value={username} />
                  <button type="submit" className="button small secondary">
                    Unlock<span className="sr-only"> {username}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      )}

      {rows.length === 0 ? (
        <p className="muted">No tenants yet: create the first one below.</p>
      ) : (
        <table className="table" aria-label="Tenants">
          <thead>
            <tr>
              <th scope="col">Slug</th>
              <th scope="col">Name</th>
              <th scope="col">Domains</th>
              <th scope="col">Polls</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((tenant) => {
              const origin = originOf(tenant.slug);
              return (
                <tr key={tenant.id} data-slug={tenant.slug}>
                  <td className="mono">{tenant.slug}</td>
                  <td>{tenant.name}</td>
                  <td>
                    <a href={origin}>{origin.replace(/^https?:\/\//, "")}</a>
                    {tenant.domains.map((domain) => (
                      <div key={domain} className="mono">
                        {domain}
                      </div>
                    ))}
                  </td>
                  <td>{tenant.pollCount ?? "—"}</td>
                  <td className="actions">
                    <Link className="button small" href={`/admin/tenants/${tenant.slug}`}>
                      Manage<span className="sr-only"> {tenant.slug}</span>
                    </Link>
                    <Link className="button danger small" href={`/admin/tenants/${tenant.slug}/delete`}>
                      Delete<span className="sr-only"> {tenant.slug}</span>
                    </Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      {pageCount > 1 && (
        <nav className="pagination" aria-label="Pages">
          {page > 1 ? <Link href={`/admin?page=${page - 1}`}>← Previous</Link> : <span />}
          <span className="muted">
            Page {page} of {pageCount}
          </span>
          {page < pageCount ? <Link href={`/admin?page=${page + 1}`}>Next →</Link> : <span />}
        </nav>
      )}

      <section aria-labelledby="create-heading" style={{ marginTop: "2rem" }}>
        <h2 id="create-heading">Create a tenant</h2>
        <p className="muted">
          Creates the registry entry, its PostgreSQL schema and every migration in one step. It serves at{" "}
          <span className="mono">&lt;slug&gt;.{env().ROOT_DOMAIN}</span> at once.
        </p>
        <CreateTenantForm rootDomain={env().ROOT_DOMAIN} />
      </section>
    </main>
  );
}
