import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAdmin } from "@/lib/auth/session";
import { utcFieldValue, withRoomForOneMore } from "@/lib/polls/poll-form";
import { pollStatus } from "@/lib/polls/share";
import { findPoll } from "@/lib/polls/queries";
import { idSchema } from "@/lib/polls/schemas";
import { requireTenantContext } from "@/lib/tenancy/next";
import { LiveResults } from "../../../_components/live-results";
import { PollWindow } from "../../../_components/poll-window";
import { closePollAction, reopenPollAction, updatePollAction } from "../../actions";
import { PollForm } from "../../poll-form";

export const metadata: Metadata = { title: "Edit poll" };

const SAVED: Record<string, string> = { created: "Poll created.", updated: "Changes saved.", closed: "Voting closed.", reopened: "Voting reopened." };

type Props = { params: Promise<{ tenant: string; id: string }>; searchParams: Promise<{ saved?: string }> };

export default async function EditPollPage({ params, searchParams }: Props) {
  const { tenant, id } = await params;
  const ctx = await requireTenantContext(tenant);
  await requireAdmin(ctx, `/admin/polls/${encodeURIComponent(id)}`);
  const pollId = idSchema.safeParse(id);
  const poll = pollId.success ? await findPoll(ctx.db, pollId.data) : null;
  if (!poll) notFound();
  const { saved } = await searchParams;
  const slug = ctx.tenant.slug;
  const status = pollStatus(poll, new Date());
  const settings = { opensAt: utcFieldValue(poll.opensAt), closesAt: utcFieldValue(poll.closesAt), resultsBeforeVoting: poll.resultsBeforeVoting };

  return (
    <main className="page wide">
      <p className="eyebrow">
        <Link href="/admin">← Polls</Link>
      </p>
      {saved && (
        <p className="alert success" role="status">
          {SAVED[saved] ?? "Changes saved."} <Link href={`/polls/${poll.id}`}>See it as voters do</Link>
        </p>
      )}
      <div className="admin-grid">
        <div className="card">
          <h1>Edit poll</h1>
          <PollForm
            key={`${poll.question}|${poll.choices.map((c) => `${c.id}:${c.choiceText}`).join("|")}|${JSON.stringify(settings)}`}
            action={updatePollAction.bind(null, slug, poll.id)}
            initial={withRoomForOneMore({ question: poll.question, choices: poll.choices.map((c) => ({ id: c.id, text: c.choiceText })), ...settings })}
            submitLabel="Save changes"
          />
        </div>
        <div className="stack-gap">
          <div className="card">
            <PollWindow poll={poll} status={status} />
            {status === "closed" ? (
              <form action={reopenPollAction.bind(null, slug, poll.id)}>
                <button type="submit" className="button secondary">
                  Reopen voting
                </button>
              </form>
            ) : (
              <form action={closePollAction.bind(null, slug, poll.id)}>
                <button type="submit" className="button secondary">
                  Close voting now
                </button>
              </form>
            )}
          </div>
          <div className="card">
            <LiveResults pollId={poll.id} initial={poll} />
          </div>
          <div className="card danger-zone">
            <h2>Delete poll</h2>
            <p className="muted">Deletes the poll with its {poll.totalVotes} votes. This cannot be undone.</p>
            <Link className="button danger" href={`/admin/polls/${poll.id}/delete`}>
              Delete poll
            </Link>
          </div>
        </div>
      </div>
    </main>
  );
}
