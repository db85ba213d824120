import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { controlClass } from "@/components/ui/field";
import { LocalTime } from "@/components/ui/local-time";
import { Pagination } from "@/components/ui/pagination";
import { Page, PageHeader } from "@/components/ui/shell";
import { getCurrentUser } from "@/lib/auth/session";
import { clampPage, pageFromParam } from "@/lib/pagination";
import { listPolls } from "@/lib/polls/queries";
import { pollsVotedIn } from "@/lib/polls/lifecycle";
import { requireTenantContext } from "@/lib/tenancy/next";
import { LiveVoteCount } from "./_components/live-vote-count";

const PAGE_SIZE = 10;

type Props = {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ q?: string | string[]; page?: string | string[] }>;
};

// The layout's title template does not reach a page in its own segment: this one names the tenant itself.
export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  const { tenant } = await requireTenantContext((await params).tenant);
  return { title: { absolute: `Latest polls · ${tenant.name}` } };
}

export default async function TenantHome({ params, searchParams }: Props) {
  const ctx = await requireTenantContext((await params).tenant);
  const { tenant, db } = ctx;
  const query = await searchParams;
  const search = typeof query.q === "string" ? query.q.trim().slice(0, 200) : "";
  let page = pageFromParam(query.page);
  let { count, polls } = await listPolls(db, { page, pageSize: PAGE_SIZE }, { search });
  if (polls.length === 0 && page > 1) {
    page = clampPage(page, count, PAGE_SIZE);
    ({ count, polls } = await listPolls(db, { page, pageSize: PAGE_SIZE }, { search }));
  }
  const user = await getCurrentUser(ctx);
  const voted = user ? await pollsVotedIn(db, user.id, polls.map((poll) => poll.id)) : new Set<number>();
  const href = (p: number) => `/?${new URLSearchParams({ ...(search ? { q: search } : {}), page: String(p) })}`;

  return (
    <Page width="medium">
      <PageHeader
        title="Latest polls"
        description={tenant.description || `What ${tenant.name} is asking, newest first.`}
        actions={
          <form role="search" action="/" className="flex w-full gap-2 sm:w-auto">
            <label htmlFor="poll-search" className="sr-only">
              Search polls
            </label>
            <input id="poll-search" type="search" name="q" defaultValue={search} placeholder="Search polls" maxLength={200} className={`${controlClass} min-w-0 sm:w-56`} />
            <Button type="submit" variant="secondary" className="shrink-0">
              Search
            </Button>
          </form>
        }
      />
      {polls.length === 0 ? (
        <EmptyState
          title={search ? `No polls match “${search}”.` : `${tenant.name} has no polls yet.`}
          action={search ? <ButtonLink href="/" variant="secondary">Show all polls</ButtonLink> : undefined}
        />
      ) : (
        <ul className="grid gap-3" aria-label="Polls">
          {polls.map((poll) => (
            // The whole card is the link's target (its ::after covers the card): one link per poll, named by its question.
            <li
              key={poll.id}
              className="poll-card relative grid gap-2 rounded-xl border border-line bg-surface p-4 shadow-sm focus-within:ring-3 focus-within:ring-brand hover:border-brand sm:p-5"
            >
              <h2 className="text-lg">
                <Link href={`/polls/${poll.id}`} className="text-ink no-underline after:absolute after:inset-0 after:content-[''] focus-visible:outline-none">
                  {poll.question}
                </Link>
              </h2>
              <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted">
                <Badge tone="soft">
                  <LiveVoteCount pollId={poll.id} initial={poll.totalVotes} />
                </Badge>
                {voted.has(poll.id) && <Badge tone="success">You voted</Badge>}
                <span>{poll.choices.length} choices</span>
                <span>
                  Published <LocalTime iso={poll.pubDate.toISOString()} />
                </span>
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} total={count} pageSize={PAGE_SIZE} href={href} labels={{ previous: "← Newer", next: "Older →" }} />
    </Page>
  );
}
