// A poll's life: when voting opens and closes, who sees its results, and how its changes are announced
// to the live results streams (decisions 032 and 033).
import { Prisma } from "@/lib/generated/tenant/client";
import { notifyTenantChange, readDatabaseClock, type TenantDb } from "@/lib/tenancy";
import { pollStatus } from "@/lib/polls/share";

type Transaction = Parameters<Parameters<TenantDb["$transaction"]>[0]>[0];

/** The change-event topic of a poll's results (its votes, choices, window, or the poll itself). */
export function pollTopic(pollId: number): string {
  return `poll:${pollId}`;
}

/**
 * Starts a change of a poll's results inside `tx`: takes the poll's row lock for the rest of the
 * transaction (votes, closes and edits of one poll go one at a time, in this order: poll, then choices,
 * then votes), bumps its version and announces it, delivered at commit. Returns the poll's window as
 * the lock found it (after any change that held the lock before), or null when there is no such poll.
 */
export async function beginPollChange(tx: Transaction, pollId: number, data: PollWindowChange & { question?: string } = {}): Promise<PollWindow | null> {
  const { closesAt, ...rest } = data;
  // A closing time being set is checked against the one the lock finds, so it is written after that check;
  // "now" is the database's clock read under the lock.
  const settingClose = closesAt instanceof Date || closesAt === "now";
  let window: PollWindow;
  try {
    window = await tx.poll.update({
      where: { id: pollId },
      data: { ...(settingClose ? rest : data), resultsVersion: { increment: 1 } },
      select: { opensAt: true, closesAt: true },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") return null;
    throw error;
  }
  if (closesAt === "now") {
    window = await tx.poll.update({ where: { id: pollId }, data: { closesAt: await readDatabaseClock(tx) }, select: { opensAt: true, closesAt: true } });
  } else if (closesAt instanceof Date && closesAt.getTime() !== window.closesAt?.getTime()) {
    if (closingTimeRefused(closesAt, window.closesAt, await readDatabaseClock(tx))) throw new ClosingTimeInPastError();
    window = await tx.poll.update({ where: { id: pollId }, data: { closesAt }, select: { opensAt: true, closesAt: true } });
  }
  await notifyTenantChange(tx, pollTopic(pollId));
  return window;
}

export const CLOSING_TIME_IN_PAST = "Closing time must be in the future";

/** Thrown, rolling its transaction back, when a poll would be given a closing time in the past. */
export class ClosingTimeInPastError extends Error {
  constructor() {
    super(CLOSING_TIME_IN_PAST);
    this.name = "ClosingTimeInPastError";
  }
}

/**
 * Whether a closing time being set is refused: one not after `now` (the database's clock) would close the
 * poll at birth or behind its voters' backs. The closing time a poll already has is not being set (an
 * edit of a closed poll's question keeps it), and closing now (`closePollNow`) takes the clock itself.
 */
export function closingTimeRefused(closesAt: Date | null | undefined, stored: Date | null, now: Date): boolean {
  return closesAt instanceof Date && closesAt.getTime() !== stored?.getTime() && closesAt.getTime() <= now.getTime();
}

/** Refuses a closing time in the past for a poll about to be created (no lock to take: it has no row yet). */
export async function checkNewClosingTime(db: TenantDb, closesAt: Date | null | undefined): Promise<void> {
  if (!(closesAt instanceof Date)) return;
  const now = await db.$transaction((tx) => readDatabaseClock(tx));
  if (closingTimeRefused(closesAt, null, now)) throw new ClosingTimeInPastError();
}

export type PollWindow = { opensAt: Date | null; closesAt: Date | null };

/** `closesAt: "now"` closes the poll at the database's clock, read under the poll's lock. */
export type PollWindowChange = { opensAt?: Date | null; closesAt?: Date | null | "now"; resultsBeforeVoting?: boolean };

/** Who reads a poll's results: nobody signed in, or a user of this tenant. */
export type Reader = { id: number; role: string } | null;

/**
 * Whether a reader sees a poll's results: always once the poll is closed, if the poll shows them before
 * voting, to this site's admins and the poll's creator, and to whoever has voted in it.
 */
export function resultsVisible(
  poll: { resultsBeforeVoting: boolean; opensAt: Date | null; closesAt: Date | null; createdById: number },
  reader: Reader,
  hasVoted: boolean,
  now = new Date(),
): boolean {
  if (poll.resultsBeforeVoting || pollStatus(poll, now) === "closed") return true;
  if (!reader) return false;
  return reader.role === "admin" || reader.id === poll.createdById || hasVoted;
}

/** The polls among `pollIds` a user has voted in. */
export async function pollsVotedIn(db: TenantDb, userId: number, pollIds: number[]): Promise<Set<number>> {
  if (pollIds.length === 0) return new Set();
  const votes = await db.vote.findMany({ where: { votedById: userId, pollId: { in: pollIds } }, select: { pollId: true } });
  return new Set(votes.map((v) => v.pollId));
}

/** Closes a poll now, by the database's clock read under the poll's lock: a vote either came first or is refused. */
export async function closePollNow(db: TenantDb, pollId: number): Promise<boolean> {
  return db.$transaction(async (tx) => {
    return (await beginPollChange(tx, pollId, { closesAt: "now" })) !== null;
  });
}

/** Opens a closed (or not yet open) poll now, with no closing time. */
export async function reopenPoll(db: TenantDb, pollId: number): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const poll = await beginPollChange(tx, pollId);
    if (!poll) return false;
    const now = await readDatabaseClock(tx);
    const opensLater = poll.opensAt && poll.opensAt.getTime() > now.getTime();
    await tx.poll.update({ where: { id: pollId }, data: { closesAt: null, ...(opensLater ? { opensAt: null } : {}) }, select: { id: true } });
    return true;
  });
}
