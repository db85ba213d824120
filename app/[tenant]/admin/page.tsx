import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/lib/auth/session";
import { clampPage, pageFromParam } from "@/lib/pagination";
import { listPolls } from "@/lib/polls/queries";
import { requireTenantContext } from "@/lib/tenancy/next";
import { Pagination } from "../_components/pagination";
import { AdminNav } from "./admin-nav";

export const metadata: Metadata = { title: "Admin" };

const PAGE_SIZE = 20;

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<{ page?: string | string[]; deleted?: string }> };

export default async function AdminPolls({ params, searchParams }: Props) {
  const ctx = await requireTenantContext((await params).tenant);
  await requireAdmin(ctx, "/admin");
  const query = await searchParams;
  let page = pageFromParam(query.page);
  let { count, polls } = await listPolls(ctx.db, { page, pageSize: PAGE_SIZE });
  if (polls.length === 0 && page > 1) {
    page = clampPage(page, count, PAGE_SIZE);
    ({ count, polls } = await listPolls(ctx.db, { page, pageSize: PAGE_SIZE }));
  }

  return (
    <main className="page wide">
      <AdminNav current="polls" />
      <div className="toolbar">
        <h1>Polls</h1>
        <Link className="button" href="/admin/polls/new">
          New poll
        </Link>
      </div>
      {query.deleted && (
        <p className="alert success" role="status">
          Poll deleted.
        </p>
      )}
      {polls.length === 0 ? (
        <div className="card empty">
          <p className="muted">No polls yet. Create the first one.</p>
        </div>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="sr-only">Polls, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Question</th>
                <th scope="col">Choices</th>
                <th scope="col">Votes</th>
                <th scope="col">Published</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {polls.map((poll) => (
                <tr key={poll.id}>
                  <td>
                    <Link href={`/admin/polls/${poll.id}`}>{poll.question}</Link>
                  </td>
                  <td>{poll.choices.length}</td>
                  <td>{poll.totalVotes}</td>
                  <td>
                    <time dateTime={poll.pubDate.toISOString()}>{poll.pubDate.toLocaleDateString("en-GB")}</time>
                  </td>
                  <td className="actions">
                    <Link className="button small secondary" href={`/admin/polls/${poll.id}`}>
                      Edit<span className="sr-only"> “{poll.question}”</span>
                    </Link>
                    <Link className="button small secondary" href={`/polls/${poll.id}`}>
                      View<span className="sr-only"> “{poll.question}”</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} total={count} pageSize={PAGE_SIZE} href={(p) => `/admin?page=${p}`} />
    </main>
  );
}
