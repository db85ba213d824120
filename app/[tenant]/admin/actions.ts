"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";
import { unlockAccount } from "@/lib/auth/rate-limit";
import { ROLES, changeUserRole, passwordSchema, setUserDisabled, setUserPassword, type AccountChangeResult } from "@/lib/auth/users";
import { saveBrandingFromForm, type BrandingFormState } from "@/lib/branding/branding-form";
import type { FieldErrors, FormState } from "@/lib/polls/form-state";
import { ClosingTimeInPastError, checkNewClosingTime, closePollNow, reopenPoll } from "@/lib/polls/lifecycle";
import { createPoll, deletePoll, updatePoll, type ChoiceWithVotes, type UpdatePollResult } from "@/lib/polls/mutations";
import { confirmedVoteDeletion, parsePollForm, redrawnPollForm, withRoomForOneMore, type ParsedPollForm, type PollFormValues } from "@/lib/polls/poll-form";
import { idNumberSchema } from "@/lib/polls/schemas";
import { findTenantContext, type TenantContext } from "@/lib/tenancy/next";

/** `votesAtStake`: the edit would delete these choices' votes, and waits for the admin to confirm it. */
export type PollFormState = FormState<PollFormValues> & { votesAtStake?: ChoiceWithVotes[] };
export type RoleFormState = FormState<{ role?: string }>;
export type AccountFormState = FormState<{ disabled?: boolean }>;

const REFUSED = { ok: false, message: "Only this site's admins can do that." } as const;

/**
 * The tenant and its signed-in admin, or null. Every admin action starts here: the pages check the
 * role too, but an action can be posted directly, so it must not rely on them.
 */
async function findAdmin(slug: string): Promise<{ ctx: TenantContext; admin: CurrentUser } | null> {
  const ctx = await findTenantContext(slug);
  if (!ctx) return null;
  const admin = await getCurrentUser(ctx);
  return admin?.role === "admin" ? { ctx, admin } : null;
}

function revalidatePolls(slug: string) {
  revalidatePath(`/${slug}`, "layout");
}

export async function createPollAction(slug: string, _prev: PollFormState, formData: FormData): Promise<PollFormState> {
  const found = await findAdmin(slug);
  if (!found) return REFUSED;
  const redrawn = redrawnPollForm(formData);
  if (redrawn) return { ok: false, values: redrawn };
  const form = parsePollForm(formData);
  if (!form.ok) return refusedForm(found.ctx, form);

  let poll: { id: number };
  try {
    poll = await createPoll(found.ctx.db, found.admin.id, { question: form.poll.question, choices: form.poll.choices.map((c) => c.text), ...form.poll.settings });
  } catch (error) {
    return { ok: false, fieldErrors: closingTimeError(error), values: withRoomForOneMore(form.values) };
  }
  revalidatePolls(slug);
  redirect(`/admin/polls/${poll.id}?saved=created`);
}

export async function updatePollAction(slug: string, rawPollId: number, _prev: PollFormState, formData: FormData): Promise<PollFormState> {
  const found = await findAdmin(slug);
  const pollId = idNumberSchema.safeParse(rawPollId);
  if (!found || !pollId.success) return REFUSED;
  const redrawn = redrawnPollForm(formData);
  if (redrawn) return { ok: false, values: redrawn };
  const form = parsePollForm(formData);
  if (!form.ok) return refusedForm(found.ctx, form);

  let result: UpdatePollResult;
  try {
    result = await updatePoll(found.ctx.db, pollId.data, form.poll, confirmedVoteDeletion(formData));
  } catch (error) {
    return { ok: false, fieldErrors: closingTimeError(error), values: withRoomForOneMore(form.values) };
  }
  if (!result.ok) return { ...refusedEdit(result), values: withRoomForOneMore(form.values) };
  revalidatePolls(slug);
  redirect(`/admin/polls/${pollId.data}?saved=updated`);
}

/**
 * A form that failed validation, with a closing time in the past named too (by the database's clock, as a
 * save would refuse it), so that every error shows at once.
 */
async function refusedForm(ctx: TenantContext, form: ParsedPollForm & { ok: false }): Promise<PollFormState> {
  const late = form.fieldErrors.closesAt ? {} : await checkNewClosingTime(ctx.db, form.closesAt).then(() => ({}), closingTimeError);
  return { ok: false, fieldErrors: { ...form.fieldErrors, ...late }, values: withRoomForOneMore(form.values) };
}

/** A closing time in the past, refused by the database's clock, as the error beside its field; any other error goes on. */
function closingTimeError(error: unknown): FieldErrors {
  if (!(error instanceof ClosingTimeInPastError)) throw error;
  return { closesAt: error.message };
}

function refusedEdit(result: UpdatePollResult & { ok: false }): PollFormState {
  switch (result.code) {
    case "choice_has_votes":
      return { ok: false, votesAtStake: result.choices };
    case "not_found":
      return { ok: false, message: "This poll has been deleted." };
    case "duplicate_choice":
      return { ok: false, message: "A choice with the same text was added meanwhile. Reload the page and try again." };
    case "stale_choice":
      return { ok: false, message: "The choices were changed elsewhere. Reload the page and try again." };
  }
}

/** "Close now" and "Reopen" on the admin's poll page: plain forms, so they work without JavaScript. */
export async function closePollAction(slug: string, rawPollId: number): Promise<void> {
  await changeWindow(slug, rawPollId, closePollNow, "closed");
}

export async function reopenPollAction(slug: string, rawPollId: number): Promise<void> {
  await changeWindow(slug, rawPollId, reopenPoll, "reopened");
}

async function changeWindow(slug: string, rawPollId: number, change: typeof closePollNow, done: string): Promise<void> {
  const found = await findAdmin(slug);
  const pollId = idNumberSchema.safeParse(rawPollId);
  if (!found || !pollId.success) redirect("/admin");
  const changed = await change(found.ctx.db, pollId.data);
  revalidatePolls(slug);
  redirect(changed ? `/admin/polls/${pollId.data}?saved=${done}` : "/admin");
}

const deleteConfirmationSchema = z.object({ confirm: z.literal("delete") });

/** Deletes a poll once its confirm page was submitted (the form says so); a bare post is not enough. */
export async function deletePollAction(slug: string, rawPollId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  const found = await findAdmin(slug);
  const pollId = idNumberSchema.safeParse(rawPollId);
  if (!found || !pollId.success) return REFUSED;
  if (!deleteConfirmationSchema.safeParse({ confirm: formData.get("confirm") }).success) {
    return { ok: false, message: "Confirm the deletion with the button below." };
  }
  await deletePoll(found.ctx.db, pollId.data);
  revalidatePolls(slug);
  redirect("/admin?deleted=1");
}

const roleSchema = z.enum(ROLES, { error: "Pick admin or voter" });

export async function changeRoleAction(slug: string, rawUserId: number, _prev: RoleFormState, formData: FormData): Promise<RoleFormState> {
  const found = await findAdmin(slug);
  const userId = idNumberSchema.safeParse(rawUserId);
  if (!found || !userId.success) return REFUSED;
  const role = roleSchema.safeParse(formData.get("role"));
  if (!role.success) return { ok: false, fieldErrors: { role: "Pick admin or voter" } };

  const result = await changeUserRole(found.ctx.db, userId.data, role.data);
  if (!result.ok) {
    const message = result.code === "last_admin" ? "This is the last admin: make someone else an admin first." : "No such user.";
    return { ok: false, message };
  }
  revalidatePolls(slug);
  return { ok: true, message: `Saved: now ${role.data}.`, values: { role: role.data } };
}

/** Lifts the sign-in lock on one of this tenant's accounts; the users page then says so. */
export async function unlockUserAction(slug: string, rawUserId: number): Promise<void> {
  const found = await findAdmin(slug);
  const userId = idNumberSchema.safeParse(rawUserId);
  if (!found || !userId.success) redirect("/admin/users");
  const user = await found.ctx.db.user.findUnique({ where: { id: userId.data }, select: { username: true } });
  if (user) await unlockAccount(found.ctx.tenant.slug, user.username);
  revalidatePolls(slug);
  redirect(user ? `/admin/users?${new URLSearchParams({ unlocked: user.username })}` : "/admin/users");
}

const ACCOUNT_REFUSALS: Record<(AccountChangeResult & { ok: false })["code"], string> = {
  not_found: "No such user.",
  self: "You cannot do that to your own account.",
  last_admin: "This is the last admin who can sign in: make someone else an admin first.",
};

const accountIntentSchema = z.enum(["disable", "enable", "password"]);

/**
 * Disables or re-enables an account, or gives it a new password (`intent`). Disabling and a new password
 * end the account's sessions and API tokens at once (lib/auth/users.ts); the tenant is the host's.
 */
export async function accountAction(slug: string, rawUserId: number, _prev: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const found = await findAdmin(slug);
  const userId = idNumberSchema.safeParse(rawUserId);
  if (!found || !userId.success) return REFUSED;
  const intent = accountIntentSchema.safeParse(formData.get("intent"));
  if (!intent.success) return { ok: false, message: "Choose what to do with this account." };

  let result: AccountChangeResult;
  if (intent.data === "password") {
    const password = passwordSchema.safeParse(formData.get("password") ?? "");
    if (!password.success) return { ok: false, fieldErrors: { password: password.error.issues[0].message } };
    result = await setUserPassword(found.ctx.db, found.admin.id, userId.data, password.data);
  } else {
    result = await setUserDisabled(found.ctx.db, found.admin.id, userId.data, intent.data === "disable");
  }
  if (!result.ok) return { ok: false, message: ACCOUNT_REFUSALS[result.code] };
  revalidatePolls(slug);
  const done = {
    disable: `Disabled ${result.username}: signed out everywhere, API tokens revoked.`,
    enable: `Enabled ${result.username}: they can sign in again.`,
    password: `New password set for ${result.username}: their sessions and API tokens have ended.`,
  }[intent.data];
  return { ok: true, message: done, values: intent.data === "password" ? undefined : { disabled: intent.data === "disable" } };
}

/** The tenant admin's branding form; the tenant is the host's (findAdmin), never a form field. */
export async function brandingAction(slug: string, _prev: BrandingFormState, formData: FormData): Promise<BrandingFormState> {
  const found = await findAdmin(slug);
  if (!found) return REFUSED;
  const result = await saveBrandingFromForm(found.ctx.tenant.slug, formData);
  if (result.ok) revalidatePolls(slug);
  return result;
}
