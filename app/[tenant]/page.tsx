import type { Metadata } from "next";
import { requireTenantContext } from "@/lib/tenancy/context";
import { listPolls } from "@/lib/polls/queries";

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<{ q?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tenant } = await requireTenantContext((await params).tenant);
  return { title: tenant.name };
}

export default async function TenantHome({ params, searchParams }: Props) {
  const { tenant, db } = await requireTenantContext((await params).tenant);
  const { q } = await searchParams;
  const search = typeof q === "string" ? q.trim().slice(0, 200) : "";
  const { polls } = await listPolls(db, { page: 1, pageSize: 50 }, { search });

  return (
    <main className="page">
      <div className="toolbar">
        <h1>Latest polls</h1>
        <form role="search" action="/">
          <label htmlFor="poll-search" className="sr-only">
            Search polls
          </label>
          <input id="poll-search" type="text" name="q" defaultValue={search} placeholder="Search polls" />
        </form>
      </div>
      {polls.length === 0 ? (
        <p className="muted">{search ? `No polls match “${search}”.` : `${tenant.name} has no polls yet.`}</p>
      ) : (
        <ul className="poll-list">
          {polls.map((poll) => (
            <li key={poll.id} className="card poll-card">
              <h2>{poll.question}</h2>
              <p className="muted">
                {poll.totalVotes} {poll.totalVotes === 1 ? "vote" : "votes"} · {poll.choices.length} choices ·{" "}
                <time dateTime={poll.pubDate.toISOString()}>{poll.pubDate.toLocaleDateString("en-GB")}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
