import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { findPoll } from "@/lib/polls/queries";
import { idSchema } from "@/lib/polls/schemas";
import { resultsVisible } from "@/lib/polls/lifecycle";
import { pollStatus } from "@/lib/polls/share";
import { findUserVote } from "@/lib/polls/votes";
import type { TenantContext } from "@/lib/tenancy/next";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { Page, PageHeader } from "@/components/ui/shell";
import { LiveResults } from "../../_components/live-results";
import { PollWindow } from "../../_components/poll-window";
import { voteAction } from "./actions";
import { VoteForm } from "./vote-form";

/** The poll `rawId` names, or the 404 page. Cached per request: the metadata and the page read it once. */
export const loadPoll = cache(async (ctx: TenantContext, rawId: string) => {
  const id = idSchema.safeParse(rawId);
  const poll = id.success ? await findPoll(ctx.db, id.data) : null;
  if (!poll) notFound();
  return poll;
});

const REFUSALS = {
  already_voted: "You have already voted in this poll. Each person gets one vote.",
  not_found: "That choice is no longer part of this poll. Pick one of the choices below.",
  closed: "This poll is closed: your vote was not counted.",
  not_open: "Voting in this poll has not opened yet: your vote was not counted.",
} as const;

export type VoteRefusal = keyof typeof REFUSALS;

const refusalSchema = z.enum(Object.keys(REFUSALS) as [VoteRefusal, ...VoteRefusal[]]);

/** Why the last vote was refused (the vote action redirects here with `?refused=`), if it was. */
export function refusalOf(raw: string | string[] | undefined): VoteRefusal | undefined {
  return refusalSchema.safeParse(Array.isArray(raw) ? raw[0] : raw).data;
}

/** A poll's page: the question, the vote form for a signed-in voter who has not voted, and the results. */
export async function PollView({ ctx, rawId, refusal }: { ctx: TenantContext; rawId: string; refusal?: VoteRefusal }) {
  const poll = await loadPoll(ctx, rawId);
  const user = await getCurrentUser(ctx);
  const vote = user ? await findUserVote(ctx.db, poll.id, user.id) : null;
  const myChoice = poll.choices.find((c) => c.id === vote?.choiceId);
  const now = new Date();
  const status = pollStatus(poll, now);
  const showResults = resultsVisible(poll, user, Boolean(vote), now);

  return (
    <Page width="medium">
      <p className="text-sm font-semibold">
        <Link href="/">← All polls</Link>
      </p>
      <Card as="article" className="grid gap-4">
        <PageHeader
          title={poll.question}
          description={
            <>
              Published <LocalTime iso={poll.pubDate.toISOString()} />
            </>
          }
        />
        <PollWindow poll={poll} status={status} />

        {!user && status === "open" && (
          <Alert tone="info" as="div">
            <Link href={`/login?callbackUrl=${encodeURIComponent(`/polls/${poll.id}`)}`}>Log in to vote</Link> — you will come
            straight back here. No account? <Link href={`/signup?callbackUrl=${encodeURIComponent(`/polls/${poll.id}`)}`}>Sign up</Link>.
          </Alert>
        )}
        {user && refusal && (
          <Alert tone="error" role="alert">
            {REFUSALS[refusal]}
          </Alert>
        )}
        {user && vote && (
          <Alert tone="success" role="status">
            You voted for <strong>{myChoice?.choiceText ?? "a choice that has since been removed"}</strong>. Thanks!
          </Alert>
        )}
        {user && !vote && status === "open" && <VoteForm action={voteAction.bind(null, ctx.tenant.slug, poll.id)} choices={poll.choices} />}
      </Card>

      <Card>
        {showResults ? (
          <LiveResults pollId={poll.id} initial={poll} status={status} myChoiceId={vote?.choiceId} />
        ) : (
          <p className="text-muted" data-testid="results-hidden">
            The results appear once you have voted, and to everyone when the poll closes.
          </p>
        )}
      </Card>
    </Page>
  );
}
