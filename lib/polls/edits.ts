// Changes to existing polls: the question and deletion. Callers have already checked who
// may make them. A poll that vanished meanwhile surfaces as Prisma's P2025 (not found).
import type { TenantDb } from "@/lib/tenancy/tenant-db";

/** Who created a poll, or null when there is no such poll: what permission checks need. */
export async function findPollOwner(db: TenantDb, pollId: number) {
  return db.poll.findUnique({ where: { id: pollId }, select: { id: true, createdById: true } });
}

export async function updatePoll(db: TenantDb, pollId: number, input: { question?: string }) {
  return db.poll.update({ where: { id: pollId }, data: { question: input.question }, select: { id: true } });
}

/** Deletes a poll with its choices and votes (the foreign keys cascade). */
export async function deletePoll(db: TenantDb, pollId: number) {
  return db.poll.delete({ where: { id: pollId }, select: { id: true } });
}
