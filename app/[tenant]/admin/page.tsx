import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/lib/auth/session";
import { clampPage, pageFromParam } from "@/lib/pagination";
import { listPolls } from "@/lib/polls/queries";
import { requireTenantContext } from "@/lib/tenancy/next";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { Pagination } from "@/components/ui/pagination";
import { Page, PageHeader } from "@/components/ui/shell";
import { RowHeader, Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
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
    <Page>
      <AdminNav current="polls" />
      <PageHeader
        title="Polls"
        description={`${count} ${count === 1 ? "poll" : "polls"}, newest first`}
        actions={<ButtonLink href="/admin/polls/new">New poll</ButtonLink>}
      />
      {query.deleted && (
        <Alert tone="success" role="status">
          Poll deleted.
        </Alert>
      )}
      {polls.length === 0 ? (
        <EmptyState title="No polls yet." action={<ButtonLink href="/admin/polls/new">Create the first one</ButtonLink>} />
      ) : (
        <Table caption="Polls, newest first">
          <THead>
            <Th>Question</Th>
            <Th>Choices</Th>
            <Th>Votes</Th>
            <Th>Published</Th>
            <Th hidden>Actions</Th>
          </THead>
          <TBody>
            {polls.map((poll) => (
              <Tr key={poll.id}>
                <RowHeader className="max-sm:text-base">
                  <Link href={`/admin/polls/${poll.id}`}>{poll.question}</Link>
                </RowHeader>
                <Td label="Choices">{poll.choices.length}</Td>
                <Td label="Votes">{poll.totalVotes}</Td>
                <Td label="Published">
                  <LocalTime iso={poll.pubDate.toISOString()} />
                </Td>
                <Td actions>
                  <ButtonLink variant="secondary" size="sm" href={`/admin/polls/${poll.id}`}>
                    Edit<span className="sr-only"> “{poll.question}”</span>
                  </ButtonLink>
                  <ButtonLink variant="secondary" size="sm" href={`/polls/${poll.id}`}>
                    View<span className="sr-only"> “{poll.question}”</span>
                  </ButtonLink>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      <Pagination page={page} total={count} pageSize={PAGE_SIZE} href={(p) => `/admin?page=${p}`} />
    </Page>
  );
}
