import type { Metadata } from "next";
import Link from "next/link";
import { requireTenantContext } from "@/lib/tenancy/next";
import { listPolls } from "@/lib/polls/queries";
import { clampPage, pageFromParam } from "@/lib/polls/pagination";
import { Pagination } from "@/components/ui/pagination";

const PAGE_SIZE = 10;

type Props = {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ q?: string | string[]; page?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tenant } = await requireTenantContext((await params).tenant);
  return { title: tenant.name };
}

export default async function TenantHome({ params, searchParams }: Props) {
  const { tenant, db } = await requireTenantContext((await params).tenant);
  const query = await searchParams;
  const search = typeof query.q === "string" ? query.q.trim().slice(0, 200) : "";
  let page = pageFromParam(query.page);
  let { count, polls } = await listPolls(db, { page, pageSize: PAGE_SIZE }, { search });
  if (polls.length === 0 && page > 1) {
    page = clampPage(page, count, PAGE_SIZE);
    ({ count, polls } = await listPolls(db, { page, pageSize: PAGE_SIZE }, { search }));
  }
  const href = (p: number) => `/?${new URLSearchParams({ ...(search ? { q: search } : {}), page: String(p) })}`;

  return (
    <main className="page">
      <div className="toolbar">
        <h1>Latest polls</h1>
        <form role="search" action="/" className="search">
          <label htmlFor="poll-search" className="sr-only">
            Search polls
          </label>
          <input id="poll-search" type="search" name="q" defaultValue={search} placeholder="Search polls" />
          <button type="submit" className="button secondary">
            Search
          </button>
        </form>
      </div>
      {tenant.description && <p className="text-muted">{tenant.description}</p>}
      {polls.length === 0 ? (
        <div className="card empty">
          <p className="muted">{search ? `No polls match “${search}”.` : `${tenant.name} has no polls yet.`}</p>
        </div>
      ) : (
        <ul className="poll-list" aria-label="Polls">
          {polls.map((poll) => (
            <li key={poll.id} className="card poll-card">
              <h2>
                <Link href={`/polls/${poll.id}`}>{poll.question}</Link>
              </h2>
              <p className="muted">
                <span className="pill">
                  {poll.totalVotes} {poll.totalVotes === 1 ? "vote" : "votes"}
                </span>{" "}
                {poll.choices.length} choices · published{" "}
                <time dateTime={poll.pubDate.toISOString()}>{poll.pubDate.toLocaleDateString("en-GB")}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} total={count} pageSize={PAGE_SIZE} href={href} labels={{ previous: "← Newer", next: "Older →" }} />
    </main>
  );
}
