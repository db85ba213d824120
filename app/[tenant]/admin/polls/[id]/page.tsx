import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAdmin } from "@/lib/auth/session";
import { utcFieldValue, withRoomForOneMore } from "@/lib/polls/poll-form";
import { pollStatus } from "@/lib/polls/share";
import { findPoll } from "@/lib/polls/queries";
import { idSchema } from "@/lib/polls/schemas";
import { requireTenantContext } from "@/lib/tenancy/next";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Page } from "@/components/ui/shell";
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
    <Page>
      <p className="text-sm font-semibold">
        <Link href="/admin">← Polls</Link>
      </p>
      {saved && (
        <Alert tone="success" role="status">
          {SAVED[saved] ?? "Changes saved."} <Link href={`/polls/${poll.id}`}>See it as voters do</Link>
        </Alert>
      )}
      <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card className="grid gap-4">
          <h1>Edit poll</h1>
          <PollForm
            key={`${poll.question}|${poll.choices.map((c) => `${c.id}:${c.choiceText}`).join("|")}|${JSON.stringify(settings)}`}
            action={updatePollAction.bind(null, slug, poll.id)}
            initial={withRoomForOneMore({ question: poll.question, choices: poll.choices.map((c) => ({ id: c.id, text: c.choiceText })), ...settings })}
            submitLabel="Save changes"
          />
        </Card>
        <div className="grid gap-5">
          <Card className="grid gap-3">
            <PollWindow poll={poll} status={status} />
            {status === "closed" ? (
              <form action={reopenPollAction.bind(null, slug, poll.id)}>
                <Button type="submit" variant="secondary">
                  Reopen voting
                </Button>
              </form>
            ) : (
              <form action={closePollAction.bind(null, slug, poll.id)}>
                <Button type="submit" variant="secondary">
                  Close voting now
                </Button>
              </form>
            )}
          </Card>
          <Card>
            <LiveResults pollId={poll.id} initial={poll} status={status} />
          </Card>
          <Card tone="danger" className="grid gap-3">
            <h2 className="text-danger">Delete poll</h2>
            <p className="text-muted">Deletes the poll with its {poll.totalVotes} votes. This cannot be undone.</p>
            <div>
              <ButtonLink variant="danger" href={`/admin/polls/${poll.id}/delete`}>
                Delete poll
              </ButtonLink>
            </div>
          </Card>
        </div>
      </div>
    </Page>
  );
}
