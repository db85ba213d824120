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
