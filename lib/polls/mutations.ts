// Writes of the Polls domain. Callers have already checked who may do them.
import type { TenantDb } from "@/lib/tenancy/tenant-db";

export async function createPoll(db: TenantDb, userId: number, input: { question: string; choices: string[] }) {
  return db.poll.create({
    data: {
      question: input.question,
      createdById: userId,
      choices: { create: input.choices.map((choiceText) => ({ choiceText })) },
    },
    select: { id: true },
  });
}

export type PollUpdate = { question: string; choices: { id: number | null; text: string }[] };
export type UpdatePollResult = { ok: true } | { ok: false; code: "not_found" | "stale_choice" };

/**
 * Rewrites a poll's question and choices in one transaction: listed choices are renamed, new ones
 * added, missing ones deleted (with their votes). A choice id that is not this poll's aborts it all.
 */
export async function updatePoll(db: TenantDb, pollId: number, input: PollUpdate): Promise<UpdatePollResult> {
  try {
    return await rewritePoll(db, pollId, input);
  } catch (error) {
    if (error instanceof Abort) return error.result;
    throw error;
  }
}

/** Thrown inside the transaction to roll it back when the poll or a choice vanished meanwhile (another admin). */
class Abort extends Error {
  constructor(readonly result: UpdatePollResult & { ok: false }) {
    super(result.code);
  }
}

function rewritePoll(db: TenantDb, pollId: number, input: PollUpdate): Promise<UpdatePollResult> {
  return db.$transaction(async (tx) => {
    const poll = await tx.poll.findUnique({ where: { id: pollId }, select: { choices: { select: { id: true } } } });
    if (!poll) return { ok: false, code: "not_found" } as const;
    const existing = new Set(poll.choices.map((c) => c.id));
    const kept = input.choices.flatMap((c) => (c.id === null ? [] : [c.id]));
    if (kept.some((id) => !existing.has(id)) || new Set(kept).size !== kept.length) {
      return { ok: false, code: "stale_choice" } as const;
    }

    const renamed = await tx.poll.updateMany({ where: { id: pollId }, data: { question: input.question } });
    if (renamed.count === 0) throw new Abort({ ok: false, code: "not_found" });
    await tx.choice.deleteMany({ where: { pollId, id: { notIn: kept } } });
    for (const choice of input.choices) {
      if (choice.id === null) await tx.choice.create({ data: { pollId, choiceText: choice.text }, select: { id: true } });
      else {
        const { count } = await tx.choice.updateMany({ where: { id: choice.id, pollId }, data: { choiceText: choice.text } });
        if (count === 0) throw new Abort({ ok: false, code: "stale_choice" });
      }
    }
    return { ok: true } as const;
  });
}

/** Changes only a poll's question (the JSON API's PUT/PATCH). A vanished poll surfaces as P2025. */
export async function renamePoll(db: TenantDb, pollId: number, question: string) {
  return db.poll.update({ where: { id: pollId }, data: { question }, select: { id: true } });
}

/** Deletes a poll with its choices and votes; false when there was no such poll. */
export async function deletePoll(db: TenantDb, pollId: number): Promise<boolean> {
  const { count } = await db.poll.deleteMany({ where: { id: pollId } });
  return count === 1;
}
