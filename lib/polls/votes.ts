// Voting: one vote per user per poll, enforced by the database (unique (pollId, votedById)); the
// composite foreign key (choiceId, pollId) makes a vote for another poll's choice impossible.
import { Prisma } from "@/lib/generated/tenant/client";
import { isChoiceOfPoll } from "@/lib/polls/choices";
import type { TenantDb } from "@/lib/tenancy";

export type CastVote = { pollId: number; choiceId: number; userId: number };
export type VoteResult =
  | { ok: true; vote: { id: number; choiceId: number; pollId: number; votedById: number } }
  | { ok: false; code: "not_found" | "already_voted" };

export async function castVote(db: TenantDb, { pollId, choiceId, userId }: CastVote): Promise<VoteResult> {
  // Checked first: PostgreSQL tests the unique vote before the foreign key, so a voter naming another
  // poll's choice would otherwise hear "already voted" rather than "no such choice".
  if (!(await isChoiceOfPoll(db, pollId, choiceId))) return { ok: false, code: "not_found" };
  try {
    const vote = await db.vote.create({
      data: { pollId, choiceId, votedById: userId },
      select: { id: true, choiceId: true, pollId: true, votedById: true },
    });
    return { ok: true, vote };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError) {
      if (error.code === "P2002") return { ok: false, code: "already_voted" };
      if (error.code === "P2003") return { ok: false, code: "not_found" }; // the choice was deleted meanwhile
    }
    throw error;
  }
}

/** The choice this user picked in a poll, if they voted. */
export async function findUserVote(db: TenantDb, pollId: number, userId: number) {
  return db.vote.findUnique({
    where: { pollId_votedById: { pollId, votedById: userId } },
    select: { id: true, choiceId: true },
  });
}

/** Which of these polls this user has voted in (the polls list marks them "You voted"). */
export async function votedPollIds(db: TenantDb, userId: number, pollIds: number[]): Promise<Set<number>> {
  if (pollIds.length === 0) return new Set();
  const votes = await db.vote.findMany({ where: { votedById: userId, pollId: { in: pollIds } }, select: { pollId: true } });
  return new Set(votes.map((vote) => vote.pollId));
}
