import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConfirmStep } from "@/components/ui/confirm-step";
import { Page } from "@/components/ui/shell";
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
    <Page width="medium">
      <p className="text-sm font-semibold">
        <Link href={`/admin/polls/${poll.id}`}>← Back to the poll</Link>
      </p>
      <ConfirmStep
        title={`Delete “${poll.question}”?`}
        form={<DeletePollForm action={deletePollAction.bind(null, ctx.tenant.slug, poll.id)} votes={poll.totalVotes} />}
        cancelHref={`/admin/polls/${poll.id}`}
        cancelLabel="Cancel, keep the poll"
      >
        <p>
          This deletes the poll, its {poll.choices.length} choices and its {poll.totalVotes} votes. It cannot be undone.
        </p>
      </ConfirmStep>
    </Page>
  );
}
