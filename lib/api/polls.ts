// Shared by the poll routes: ids from the path, who may change a poll, and editing its choices.
import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { ApiUser } from "@/lib/api/handler";
import { idSchema } from "@/lib/polls/schemas";
import { pollsVotedIn, resultsVisible, type PollWindowChange } from "@/lib/polls/lifecycle";
import { updatePoll } from "@/lib/polls/mutations";
import { findPollOwner, type PollWithVotes } from "@/lib/polls/queries";
import { pollResults, type PollResults } from "@/lib/polls/results";
import type { TenantDb } from "@/lib/tenancy";

/** A path id, or a 404: `/api/polls/abc` names no poll, as an unknown number does not. */
export function pathId(value: string | undefined, what = "poll"): number {
  const parsed = idSchema.safeParse(value);
  if (!parsed.success) throw notFoundError(what);
  return parsed.data;
}

/** The 404 to throw for a missing poll (or `what`); Next's `notFound()` is for pages, not the API. */
export function notFoundError(what = "poll") {
  return new ApiError("not_found", `No such ${what}`);
}

/** The poll exists (else 404) and the user created it or is an admin of this site (else 403). */
export async function requirePollEditor(db: TenantDb, user: ApiUser, pollId: number): Promise<void> {
  const poll = await findPollOwner(db, pollId);
  if (!poll) throw notFoundError();
  if (poll.createdById !== user.id && user.role !== "admin") {
    throw new ApiError("forbidden", "Only the poll's creator or an admin may change it");
  }
}

/** Which of these polls' results the reader may see (one query for a signed-in reader, none otherwise). */
export async function visibleResultsOf(db: TenantDb, user: ApiUser | null, polls: PollWithVotes[]): Promise<Set<number>> {
  const voted = user ? await pollsVotedIn(db, user.id, polls.map((p) => p.id)) : new Set<number>();
  return new Set(polls.filter((p) => resultsVisible(p, user, voted.has(p.id))).map((p) => p.id));
}

/** A poll's results for this reader: a 404 for no such poll, a 403 results_hidden while they may not see them. */
export async function readableResults(db: TenantDb, user: ApiUser | null, pollId: number): Promise<PollResults & { voted: boolean }> {
  const results = await pollResults(db, pollId);
  if (!results) throw notFoundError();
  const voted = user ? (await pollsVotedIn(db, user.id, [pollId])).has(pollId) : false;
  if (!resultsVisible(results, user, voted)) throw resultsHiddenError();
  return { ...results, voted };
}

export function resultsHiddenError() {
  return new ApiError("results_hidden", "This poll shows its results to those who have voted, and to everyone once it is closed");
}

/** The poll fields of a request body, as the domain names them (left out: unchanged). */
export function pollSettingsOf<Closes extends Date | null | "now">(body: { opens_at?: Date | null; closes_at?: Closes; show_results_before_voting?: boolean }): PollWindowChange & { closesAt?: Closes } {
  return {
    ...(body.opens_at !== undefined ? { opensAt: body.opens_at } : {}),
    ...(body.closes_at !== undefined ? { closesAt: body.closes_at } : {}),
    ...(body.show_results_before_voting !== undefined ? { resultsBeforeVoting: body.show_results_before_voting } : {}),
  };
}

/**
 * Sets a poll's choices (and question) as the body lists them. Removing a choice that has votes is a
 * 409 naming each such choice and its votes, unless the body says `"delete_votes": true`.
 */
export async function replaceChoices(
  db: TenantDb,
  pollId: number,
  edit: { question?: string; choices: { id?: number; choice_text: string }[]; delete_votes?: boolean; settings?: PollWindowChange },
): Promise<void> {
  const choices = edit.choices.map((c) => ({ id: c.id ?? null, text: c.choice_text }));
  const result = await updatePoll(db, pollId, { question: edit.question, choices, settings: edit.settings }, edit.delete_votes ? "all" : new Map());
  if (result.ok) return;
  switch (result.code) {
    case "not_found":
      throw notFoundError();
    case "stale_choice":
      throw new ApiError("validation_failed", "Some fields are invalid", { choices: "Each id must be one of this poll's choices, listed once" });
    case "duplicate_choice":
      throw new ApiError("duplicate_choice", "The poll already has a choice with that text (ignoring case)");
    case "choice_has_votes": {
      const named = result.choices.map((c) => `Removing '${c.text}' deletes its ${c.votes === 1 ? "1 vote" : `${c.votes} votes`}`);
      const message = `${named.join("; ")}. Send "delete_votes": true to remove ${result.choices.length === 1 ? "it" : "them"} anyway.`;
      const stake = result.choices.map((c) => ({ id: c.id, choice_text: c.text, votes: c.votes }));
      throw new ApiError("choice_has_votes", message, undefined, undefined, stake);
    }
  }
}
