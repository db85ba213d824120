import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAdmin } from "@/lib/auth/session";
import { findPoll } from "@/lib/polls/queries";
import { idSchema } from "@/lib/polls/schemas";
import { requireTenantContext } from "@/lib/tenancy/next";
import { deletePollAction } from "../../../actions";
import { DeletePollForm } from "../../../delete-poll-form";

export const metadata: Metadata = { title: "Delete poll" };

type Props = { params: Promise<{ tenant: string; id: string }> };

/** The step between "Delete poll" and the deletion: what goes, and a button that says so. */
export default async function DeletePollPage({ params }: Props) {
  const { tenant, id } = await params;
  const ctx = await requireTenantContext(tenant);
  await requireAdmin(ctx, `/admin/polls/${encodeURIComponent(id)}/delete`);
  const pollId = idSchema.safeParse(id);
  const poll = pollId.success ? await findPoll(ctx.db, pollId.data) : null;
  if (!poll) notFound();

  return (
    <main className="page narrow-page">
      <p className="eyebrow">
        <Link href={`/admin/polls/${poll.id}`}>← Back to the poll</Link>
      </p>
      <div className="card danger-zone stack">
        <h1>Delete “{poll.question}”?</h1>
        <p>
          This deletes the poll, its {poll.choices.length} choices and its {poll.totalVotes} votes. It cannot be undone.
        </p>
        <DeletePollForm action={deletePollAction.bind(null, ctx.tenant.slug, poll.id)} votes={poll.totalVotes} />
        <p>
          <Link href={`/admin/polls/${poll.id}`}>Cancel, keep the poll</Link>
        </p>
      </div>
    </main>
  );
}
