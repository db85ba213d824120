// A poll's choices beyond the ones it was created with.
import { inSerializableTransaction } from "@/lib/db/serializable";
import { MAX_CHOICES } from "@/lib/polls/schemas";
import type { TenantDb } from "@/lib/tenancy/tenant-db";

export type AddChoiceResult =
  | { ok: true; choice: { id: number; pollId: number; choiceText: string } }
  | { ok: false; code: "too_many" };

/** Adds a choice unless the poll already has `max`; concurrent additions cannot overshoot the cap. */
export async function addChoice(db: TenantDb, pollId: number, choiceText: string, max = MAX_CHOICES): Promise<AddChoiceResult> {
  return inSerializableTransaction(db, async (tx) => {
    if ((await tx.choice.count({ where: { pollId } })) >= max) return { ok: false, code: "too_many" } as const;
    const choice = await tx.choice.create({ data: { pollId, choiceText }, select: { id: true, pollId: true, choiceText: true } });
    return { ok: true, choice } as const;
  });
}

export async function countChoices(db: TenantDb, pollId: number) {
  return db.choice.count({ where: { pollId } });
}

/** Whether a choice belongs to a poll (a choice id of another poll does not). */
export async function isChoiceOfPoll(db: TenantDb, pollId: number, choiceId: number): Promise<boolean> {
  return (await db.choice.count({ where: { id: choiceId, pollId } })) > 0;
}
