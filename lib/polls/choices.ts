// A poll's choices beyond the ones it was created with.
import type { TenantDb } from "@/lib/tenancy/tenant-db";

export async function addChoice(db: TenantDb, pollId: number, choiceText: string) {
  return db.choice.create({ data: { pollId, choiceText }, select: { id: true, pollId: true, choiceText: true } });
}

export async function countChoices(db: TenantDb, pollId: number) {
  return db.choice.count({ where: { pollId } });
}

/** Whether a choice belongs to a poll (a choice id of another poll does not). */
export async function isChoiceOfPoll(db: TenantDb, pollId: number, choiceId: number): Promise<boolean> {
  return (await db.choice.count({ where: { id: choiceId, pollId } })) > 0;
}
