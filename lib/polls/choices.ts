// A poll's choices beyond the ones it was created with.
import { inSerializableTransaction, type TenantDb } from "@/lib/tenancy";
import { Prisma } from "@/lib/generated/tenant/client";
import { beginPollChange } from "@/lib/polls/lifecycle";
import { MAX_CHOICES, choiceKey } from "@/lib/polls/schemas";

export type AddChoiceResult =
  | { ok: true; choice: { id: number; pollId: number; choiceText: string } }
  | { ok: false; code: "too_many" | "duplicate" };

/**
 * Adds a choice unless the poll already has `max`, or one with the same text ignoring case; concurrent
 * additions cannot overshoot the cap, and the database's unique index refuses a concurrent twin.
 */
export async function addChoice(db: TenantDb, pollId: number, choiceText: string, max = MAX_CHOICES): Promise<AddChoiceResult> {
  try {
    return await inSerializableTransaction(db, async (tx) => {
      const choices = await tx.choice.findMany({ where: { pollId }, select: { choiceText: true } });
      if (choices.length >= max) return { ok: false, code: "too_many" } as const;
      if (choices.some((c) => choiceKey(c.choiceText) === choiceKey(choiceText))) return { ok: false, code: "duplicate" } as const;
      // Announced at commit (a poll deleted meanwhile makes the insert below fail on its foreign key).
      await beginPollChange(tx, pollId);
      const choice = await tx.choice.create({ data: { pollId, choiceText }, select: { id: true, pollId: true, choiceText: true } });
      return { ok: true, choice } as const;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { ok: false, code: "duplicate" };
    throw error;
  }
}

export async function countChoices(db: TenantDb, pollId: number) {
  return db.choice.count({ where: { pollId } });
}

/** Whether a choice belongs to a poll (a choice id of another poll does not). */
export async function isChoiceOfPoll(db: TenantDb, pollId: number, choiceId: number): Promise<boolean> {
  return (await db.choice.count({ where: { id: choiceId, pollId } })) > 0;
}
