import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { Pagination } from "@/components/ui/pagination";
import { Page, PageHeader } from "@/components/ui/shell";
import { RowHeader, Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { requireAdmin } from "@/lib/auth/session";
import { clampPage, pageFromParam } from "@/lib/pagination";
import { listPolls, POLL_SORTS, pollSortSchema, type PollSort } from "@/lib/polls/queries";
import { requireTenantContext } from "@/lib/tenancy/next";
import { AdminNav } from "./admin-nav";

export const metadata: Metadata = { title: "Admin" };

const PAGE_SIZE = 20;

type Param = string | string[] | undefined;
type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<{ page?: Param; q?: Param; sort?: Param; deleted?: Param }> };

/** The list's URL for a page, keeping the search and the order. */
function listHref(search: string, sort: PollSort, page = 1): string {
  const query = new URLSearchParams({ ...(search ? { q: search } : {}), ...(sort !== "newest" ? { sort } : {}), ...(page > 1 ? { page: String(page) } : {}) });
  return query.size ? `/admin?${query}` : "/admin";
}

export default async function AdminPolls({ params, searchParams }: Props) {
  const ctx = await requireTenantContext((await params).tenant);
  await requireAdmin(ctx, "/admin");
  const query = await searchParams;
  const search = typeof query.q === "string" ? query.q.trim().slice(0, 100) : "";
  const sort = pollSortSchema.parse(query.sort);
  let page = pageFromParam(query.page);
  let { count, polls } = await listPolls(ctx.db, { page, pageSize: PAGE_SIZE }, { search, sort });
  if (polls.length === 0 && page > 1) {
    page = clampPage(page, count, PAGE_SIZE);
    ({ count, polls } = await listPolls(ctx.db, { page, pageSize: PAGE_SIZE }, { search, sort }));
  }

  return (
    <Page>
      <AdminNav current="polls" />
      <PageHeader title="Polls" actions={<ButtonLink href="/admin/polls/new">New poll</ButtonLink>} />
      {query.deleted && (
        <Alert tone="success" role="status">
          Poll deleted.
        </Alert>
      )}
      <form role="search" action="/admin" className="flex flex-wrap items-end gap-2">
        <div className="grid gap-1">
          <label htmlFor="poll-search" className="text-sm font-semibold">
            Search questions
          </label>
          <input id="poll-search" type="search" name="q" defaultValue={search} className={`${controlClass} w-64 max-w-full`} />
        </div>
        <div className="grid gap-1">
          <label htmlFor="poll-sort" className="text-sm font-semibold">
            Order
          </label>
          <select id="poll-sort" name="sort" defaultValue={sort} className={`${controlClass} w-auto`}>
            {Object.entries(POLL_SORTS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary">
          Show
        </Button>
      </form>
      <p className="text-muted" data-testid="poll-count">
        {count} {count === 1 ? "poll" : "polls"}
        {search && ` matching “${search}”`}, {POLL_SORTS[sort].toLowerCase()}
      </p>
      {polls.length === 0 ? (
        search ? (
          <EmptyState title="No poll matches">
            <Link href={listHref("", sort)}>Show every poll</Link>
          </EmptyState>
        ) : (
          <EmptyState title="No polls yet" action={<ButtonLink href="/admin/polls/new">Create the first one</ButtonLink>} />
        )
      ) : (
        <Table caption={`Polls, ${POLL_SORTS[sort].toLowerCase()}`}>
          <THead>
            <Th>Question</Th>
            <Th>Choices</Th>
            <Th>Votes</Th>
            <Th>Published</Th>
            <Th hidden>Actions</Th>
          </THead>
          <TBody>
            {polls.map((poll) => (
              <Tr key={poll.id} data-poll={poll.id}>
                <RowHeader>
                  <Link href={`/admin/polls/${poll.id}`} className="wrap-anywhere">
                    {poll.question}
                  </Link>
                </RowHeader>
                <Td label="Choices">{poll.choices.length}</Td>
                <Td label="Votes">{poll.totalVotes}</Td>
                <Td label="Published" className="whitespace-nowrap">
                  <LocalTime iso={poll.pubDate.toISOString()} as="date" />
                </Td>
                <Td actions>
                  <ButtonLink variant="secondary" size="sm" href={`/admin/polls/${poll.id}`}>
                    Edit<span className="sr-only"> “{poll.question}”</span>
                  </ButtonLink>
                  <ButtonLink variant="secondary" size="sm" href={`/polls/${poll.id}`}>
                    View<span className="sr-only"> “{poll.question}”</span>
                  </ButtonLink>
                  <ButtonLink variant="danger" size="sm" href={`/admin/polls/${poll.id}/delete`}>
                    Delete<span className="sr-only"> “{poll.question}”</span>
                  </ButtonLink>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      <Pagination page={page} total={count} pageSize={PAGE_SIZE} href={(p) => listHref(search, sort, p)} />
    </Page>
  );
}
