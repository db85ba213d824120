// Writes of the Polls domain. Callers have already checked who may do them.
import { Prisma } from "@/lib/generated/tenant/client";
import { beginPollChange, checkNewClosingTime, type PollWindowChange } from "@/lib/polls/lifecycle";
import type { TenantDb } from "@/lib/tenancy";

/** Creates a poll; a closing time in the past throws ClosingTimeInPastError (lib/polls/lifecycle.ts). */
export async function createPoll(db: TenantDb, userId: number, input: { question: string; choices: string[]; closesAt?: Date | null } & Omit<PollWindowChange, "closesAt">) {
  await checkNewClosingTime(db, input.closesAt);
  return db.poll.create({
    data: {
      question: input.question,
      createdById: userId,
      opensAt: input.opensAt ?? null,
      closesAt: input.closesAt ?? null,
      resultsBeforeVoting: input.resultsBeforeVoting ?? false,
      choices: { create: input.choices.map((choiceText) => ({ choiceText })) },
    },
    select: { id: true },
  });
}

/** The question, choices and (when given) window and results setting of a poll, as an edit leaves them. */
export type PollUpdate = { question?: string; choices: { id: number | null; text: string }[]; settings?: PollWindowChange };

/** A choice an edit would remove together with its votes. */
export type ChoiceWithVotes = { id: number; text: string; votes: number };

/**
 * The votes the editor agreed to delete: per removed choice, how many votes they were shown (a vote
 * cast since then was not seen, so it is not covered), or "all" for an API client that said so.
 */
export type VoteDeletion = "all" | ReadonlyMap<number, number>;

export type UpdatePollResult =
  | { ok: true }
  | { ok: false; code: "not_found" | "stale_choice" | "duplicate_choice" }
  | { ok: false; code: "choice_has_votes"; choices: ChoiceWithVotes[] };

/**
 * Rewrites a poll's question and choices in one transaction: listed choices are renamed, new ones
 * added, missing ones removed. A removed choice's votes are deleted only as far as `deleting` covers
 * them; otherwise nothing changes and the answer names each such choice with its current vote count.
 * A choice id that is not this poll's aborts it all; a closing time in the past set by the edit throws
 * ClosingTimeInPastError, and nothing changes.
 */
export async function updatePoll(db: TenantDb, pollId: number, input: PollUpdate, deleting: VoteDeletion = new Map()): Promise<UpdatePollResult> {
  const removing: ChoiceRow[] = [];
  try {
    return await rewritePoll(db, pollId, input, deleting, removing);
  } catch (error) {
    if (error instanceof Abort) return error.result;
    // The unique (poll, lower(text)) index: a choice with that text was added meanwhile.
    if (prismaCode(error) === "P2002") return { ok: false, code: "duplicate_choice" };
    // Votes do not cascade with their choice: one cast after we deleted the votes stops the removal
    // (with no such vote, it was the poll that went meanwhile).
    if (prismaCode(error) === "P2003") {
      const choices = await votesOf(db, pollId, removing);
      return choices.length > 0 ? { ok: false, code: "choice_has_votes", choices } : { ok: false, code: "not_found" };
    }
    throw error;
  }
}

function prismaCode(error: unknown): string | undefined {
  return error instanceof Prisma.PrismaClientKnownRequestError ? error.code : undefined;
}

type ChoiceRow = { id: number; choiceText: string };

/** Thrown inside the transaction to roll it back when the poll or a choice vanished meanwhile (another admin). */
class Abort extends Error {
  constructor(readonly result: UpdatePollResult & { ok: false }) {
    super(result.code);
  }
}

function rewritePoll(db: TenantDb, pollId: number, input: PollUpdate, deleting: VoteDeletion, removing: ChoiceRow[]): Promise<UpdatePollResult> {
  return db.$transaction(async (tx) => {
    // The poll's row lock first, as a vote takes it (poll, then choices, then votes), and the change announced at commit.
    const data = { ...input.settings, ...(input.question !== undefined ? { question: input.question } : {}) };
    if (!(await beginPollChange(tx, pollId, data))) return { ok: false, code: "not_found" } as const;
    const poll = await tx.poll.findUnique({ where: { id: pollId }, select: { choices: { select: { id: true, choiceText: true } } } });
    if (!poll) throw new Abort({ ok: false, code: "not_found" });
    const current = new Map(poll.choices.map((c) => [c.id, c]));
    const kept = input.choices.flatMap((c) => (c.id === null ? [] : [c.id]));
    if (kept.some((id) => !current.has(id)) || new Set(kept).size !== kept.length) throw new Abort({ ok: false, code: "stale_choice" });

    removing.push(...poll.choices.filter((c) => !kept.includes(c.id)));
    const deleted = await deleteVotesOf(tx, pollId, removing);
    if (deleted.some((c) => c.votes > allowedDeletions(deleting, c.id))) {
      throw new Abort({ ok: false, code: "choice_has_votes", choices: deleted.filter((c) => c.votes > 0) });
    }
    await tx.choice.deleteMany({ where: { pollId, id: { in: removing.map((c) => c.id) } } });

    // Renamed in two passes, through a placeholder no choice can have, so that swapping two texts
    // never has both rows hold one text at once (the unique index is checked row by row).
    const renamed = input.choices.filter((c) => c.id !== null && current.get(c.id)?.choiceText !== c.text);
    for (const choice of renamed) await renameChoice(tx, pollId, choice.id!, `\u0001renaming ${choice.id}`);
    for (const choice of renamed) await renameChoice(tx, pollId, choice.id!, choice.text);
    for (const choice of input.choices.filter((c) => c.id === null)) {
      await tx.choice.create({ data: { pollId, choiceText: choice.text }, select: { id: true } });
    }
    return { ok: true } as const;
  });
}

type Transaction = Parameters<Parameters<TenantDb["$transaction"]>[0]>[0];

/** Deletes the votes of the choices about to go, saying how many each had. */
async function deleteVotesOf(tx: Transaction, pollId: number, choices: ChoiceRow[]): Promise<ChoiceWithVotes[]> {
  const deleted: ChoiceWithVotes[] = [];
  for (const choice of choices) {
    const { count } = await tx.vote.deleteMany({ where: { pollId, choiceId: choice.id } });
    deleted.push({ id: choice.id, text: choice.choiceText, votes: count });
  }
  return deleted;
}

function allowedDeletions(deleting: VoteDeletion, choiceId: number): number {
  return deleting === "all" ? Infinity : (deleting.get(choiceId) ?? 0);
}

async function renameChoice(tx: Transaction, pollId: number, choiceId: number, choiceText: string) {
  const { count } = await tx.choice.updateMany({ where: { id: choiceId, pollId }, data: { choiceText } });
  if (count === 0) throw new Abort({ ok: false, code: "stale_choice" });
}

/** The current vote counts of some of a poll's choices (those that have votes). */
async function votesOf(db: TenantDb, pollId: number, choices: ChoiceRow[]): Promise<ChoiceWithVotes[]> {
  const counts = await db.vote.groupBy({ by: ["choiceId"], where: { pollId, choiceId: { in: choices.map((c) => c.id) } }, _count: { _all: true } });
  return choices.flatMap((c) => {
    const votes = counts.find((row) => row.choiceId === c.id)?._count._all ?? 0;
    return votes > 0 ? [{ id: c.id, text: c.choiceText, votes }] : [];
  });
}

/**
 * Changes a poll's question and settings but not its choices (the JSON API's PUT/PATCH); false when there
 * is no such poll. A closing time in the past throws ClosingTimeInPastError.
 */
export async function changePollFields(db: TenantDb, pollId: number, fields: { question?: string } & PollWindowChange): Promise<boolean> {
  return db.$transaction(async (tx) => (await beginPollChange(tx, pollId, fields)) !== null);
}

/** Deletes a poll with its choices and votes (its live streams hear of it); false when there was no such poll. */
export async function deletePoll(db: TenantDb, pollId: number): Promise<boolean> {
  return db.$transaction(async (tx) => {
    if (!(await beginPollChange(tx, pollId))) return false;
    const { count } = await tx.poll.deleteMany({ where: { id: pollId } });
    return count === 1;
  });
}
