import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { findPoll } from "@/lib/polls/queries";
import { idSchema } from "@/lib/polls/schemas";
import { findUserVote } from "@/lib/polls/votes";
import type { TenantContext } from "@/lib/tenancy/next";
import { Results } from "../../_components/results";
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

  return (
    <main className="page narrow-page">
      <p className="eyebrow">
        <Link href="/">← All polls</Link>
      </p>
      <article className="card poll-detail">
        <h1>{poll.question}</h1>
        <p className="muted">
          Published <time dateTime={poll.pubDate.toISOString()}>{poll.pubDate.toLocaleDateString("en-GB")}</time>
        </p>

        {!user && (
          <div className="alert info">
            <Link href={`/login?callbackUrl=${encodeURIComponent(`/polls/${poll.id}`)}`}>Log in to vote</Link> — you will come
            straight back here. No account? <Link href={`/signup?callbackUrl=${encodeURIComponent(`/polls/${poll.id}`)}`}>Sign up</Link>.
          </div>
        )}
        {user && refusal && (
          <p className="alert error" role="alert">
            {REFUSALS[refusal]}
          </p>
        )}
        {user && vote && (
          <p className="alert success" role="status">
            You voted for <strong>{myChoice?.choiceText ?? "a choice that has since been removed"}</strong>. Thanks!
          </p>
        )}
        {user && !vote && <VoteForm action={voteAction.bind(null, ctx.tenant.slug, poll.id)} choices={poll.choices} />}
      </article>

      <div className="card">
        <Results poll={poll} myChoiceId={vote?.choiceId} />
      </div>
    </main>
  );
}
