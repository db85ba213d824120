"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { getCurrentUser } from "@/lib/auth/session";
import { findTenantContext } from "@/lib/tenancy/next";
import type { FormState } from "@/lib/polls/form-state";
import { idNumberSchema, idSchema } from "@/lib/polls/schemas";
import { castVote } from "@/lib/polls/votes";

export type VoteState = FormState<{ choiceId?: number }>;

/**
 * Casts the signed-in user's vote. The tenant is re-resolved from the slug (null unless the proxy
 * routed this very request to it) and the user re-read from this tenant's session, whatever the form says.
 */
export async function voteAction(slug: string, rawPollId: number, _prev: VoteState, formData: FormData): Promise<VoteState> {
  const ctx = await findTenantContext(slug);
  const pollId = idNumberSchema.safeParse(rawPollId);
  if (!ctx || !pollId.success) return { ok: false, message: "This poll is not available." };
  const user = await getCurrentUser(ctx);
  if (!user) return { ok: false, message: "Your session has ended. Log in again to vote." };

  const choiceId = idSchema.safeParse(formData.get("choice"));
  if (!choiceId.success) return { ok: false, fieldErrors: { choice: "Pick one of the choices" } };

  const result = await castVote(ctx.db, { pollId: pollId.data, choiceId: choiceId.data, userId: user.id });
  // Accepted or refused, the page is drawn anew: a tab that voted elsewhere, or shows a choice removed
  // since, must show the results, the voter's own vote and (only if they may still vote) the form.
  revalidatePath(`/${slug}`);
  redirect(result.ok ? `/polls/${pollId.data}` : `/polls/${pollId.data}?refused=${result.code}`);
}
