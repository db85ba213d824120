// Voting: one vote per user per poll, enforced by the database (unique (pollId, votedById)); the
// composite foreign key (choiceId, pollId) makes a vote for another poll's choice impossible; and a vote
// outside the poll's window is refused by the database's clock, read under the poll's row lock, so a
// concurrent "close now" and a vote go one after the other (decision 033).
import { Prisma } from "@/lib/generated/tenant/client";
import { isChoiceOfPoll } from "@/lib/polls/choices";
import { beginPollChange } from "@/lib/polls/lifecycle";
import { pollStatus } from "@/lib/polls/share";
import { readDatabaseClock, type TenantDb } from "@/lib/tenancy";

export type CastVote = { pollId: number; choiceId: number; userId: number };
export type VoteRefusal = "not_found" | "already_voted" | "not_open" | "closed";
export type VoteResult =
  | { ok: true; vote: { id: number; choiceId: number; pollId: number; votedById: number } }
  | { ok: false; code: VoteRefusal };

/**
 * Votes on one poll queue on its row lock, each holding a pooled connection while it waits: a burst on a
 * popular poll needs longer than Prisma's defaults (2 s to get a connection, 5 s per transaction).
 */
const VOTE_QUEUE = { maxWait: 15_000, timeout: 15_000 };

/** Thrown inside the vote's transaction to roll it back. */
class Refused extends Error {
  constructor(readonly code: VoteRefusal) {
    super(code);
  }
}

export async function castVote(db: TenantDb, { pollId, choiceId, userId }: CastVote): Promise<VoteResult> {
  // Checked first: PostgreSQL tests the unique vote before the foreign key, so a voter naming another
  // poll's choice would otherwise hear "already voted" rather than "no such choice".
  if (!(await isChoiceOfPoll(db, pollId, choiceId))) return { ok: false, code: "not_found" };
  try {
    return await db.$transaction(async (tx) => {
      // The poll's row lock first (with its window as the lock found it, and the change announced at
      // commit), then the clock: whatever held the lock before us (a close) is committed, and our time is after it.
      const poll = await beginPollChange(tx, pollId);
      if (!poll) throw new Refused("not_found");
      const now = await readDatabaseClock(tx);
      const status = pollStatus(poll, now);
      if (status !== "open") throw new Refused(status === "closed" ? "closed" : "not_open");
      const vote = await tx.vote.create({
        data: { pollId, choiceId, votedById: userId },
        select: { id: true, choiceId: true, pollId: true, votedById: true },
      });
      return { ok: true, vote } as const;
    }, VOTE_QUEUE);
  } catch (error) {
    if (error instanceof Refused) return { ok: false, code: error.code };
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
