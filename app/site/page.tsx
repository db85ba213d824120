import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Page } from "@/components/ui/shell";
import { tenantOrigins } from "@/lib/platform/session";
import { countTenants, listTenants } from "@/lib/tenancy/manage";

const LISTED = 60; // a landing page, not a directory: thousands of communities stay off it

/** The root domain's front page, for a visitor: what this is, the communities to visit, and where to sign in. */
export default async function LandingPage() {
  const originOf = await tenantOrigins();
  const [tenants, total] = await Promise.all([
    listTenants({ orderBy: "name", limit: LISTED }),
    countTenants(),
  ]);

  return (
    <Page>
      <section className="grid gap-4 py-4 sm:py-8">
        <p className="text-sm font-semibold tracking-wide text-brand uppercase">Polls</p>
        <h1 className="max-w-3xl text-3xl sm:text-5xl">Ask your community. See what it thinks.</h1>
        <p className="max-w-2xl text-lg text-muted">
          Each community here has its own site for polls: its members sign up there, vote once per poll and watch the
          results come in. Pick a community to see what it is asking.
        </p>
        <div className="flex flex-wrap gap-2">
          <ButtonLink href="#communities">Browse communities</ButtonLink>
        </div>
      </section>

      <section aria-labelledby="communities" className="grid scroll-mt-4 gap-4">
        <h2 id="communities" className="text-2xl">
          Communities
        </h2>
        {tenants.length === 0 ? (
          <EmptyState title="No communities yet." />
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {tenants.map((tenant) => {
              const origin = originOf(tenant.slug);
              return (
                <Card as="li" key={tenant.id} className="relative grid gap-1 focus-within:ring-3 focus-within:ring-brand hover:border-brand">
                  <h3 className="text-lg">
                    <a href={origin} className="text-ink no-underline after:absolute after:inset-0 after:content-[''] focus-visible:outline-none">
                      {tenant.name}
                    </a>
                  </h3>
                  <p className="font-mono text-sm break-all text-muted">{origin.replace(/^https?:\/\//, "")}</p>
                </Card>
              );
            })}
          </ul>
        )}
        {total > tenants.length && <p className="text-muted">…and {total - tenants.length} more.</p>}
      </section>

      <section aria-labelledby="how" className="grid gap-3 rounded-xl border border-line bg-surface p-5">
        <h2 id="how">How it works</h2>
        <ol className="grid list-decimal gap-1 pl-5 text-muted">
          <li>Open a community&apos;s site and read its polls and their results.</li>
          <li>Sign up on that site: an account belongs to one community, and it is yours alone there.</li>
          <li>Vote once per poll; the results update for everyone.</li>
        </ol>
        <p className="text-muted">
          Running this platform? <Link href="/admin">Sign in to the platform admin</Link> to add or remove communities.
        </p>
      </section>
    </Page>
  );
}
