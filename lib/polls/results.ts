// A poll's results: votes per choice and each choice's share of the total.
import { findPoll } from "@/lib/polls/queries";
import type { TenantDb } from "@/lib/tenancy";

export type PollResults = {
  pollId: number;
  total: number;
  choices: { id: number; choiceText: string; votes: number; percent: number }[];
};

export async function pollResults(db: TenantDb, pollId: number): Promise<PollResults | null> {
  const poll = await findPoll(db, pollId);
  if (!poll) return null;
  const total = poll.totalVotes;
  return {
    pollId: poll.id,
    total,
    choices: poll.choices.map((c) => ({ ...c, percent: sharePercent(c.votes, total) })),
  };
}

/** A choice's share of the votes in percent, one decimal, 0 when nobody voted (not NaN): the figure the poll page and the API both show. */
export function sharePercent(votes: number, total: number): number {
  return total === 0 ? 0 : Math.round((votes / total) * 1000) / 10;
}
