import Link from "next/link";
import { countTenants, listTenants } from "@/lib/tenancy";
import { tenantOrigins } from "@/lib/platform/session";

const LISTED = 60; // a landing page, not a directory: thousands of tenants stay off it

export default async function LandingPage() {
  const originOf = await tenantOrigins();
  const [tenants, total] = await Promise.all([
    listTenants({ orderBy: "name", limit: LISTED }),
    countTenants(),
  ]);

  return (
    <main className="page">
      <header className="hero">
        <p className="eyebrow">Polls platform</p>
        <h1>One app, many communities</h1>
        <p className="lead">
          Every community below has its own address, its own members and its own PostgreSQL schema. Pick one to vote.
        </p>
      </header>
      <section aria-labelledby="tenants-heading">
        <h2 id="tenants-heading">Communities</h2>
        {tenants.length === 0 ? (
          <p className="muted">No communities yet.</p>
        ) : (
          <ul className="card-grid">
            {tenants.map((tenant) => {
              const origin = originOf(tenant.slug);
              return (
                <li key={tenant.id} className="card">
                  <h3>
                    <a href={origin}>{tenant.name}</a>
                  </h3>
                  <p className="muted mono">{origin.replace(/^https?:\/\//, "")}</p>
                </li>
              );
            })}
          </ul>
        )}
        {total > tenants.length && <p className="muted">…and {total - tenants.length} more.</p>}
      </section>
      <p className="muted">
        Running this platform? <Link href="/admin">Sign in to the platform admin</Link>.
      </p>
    </main>
  );
}
