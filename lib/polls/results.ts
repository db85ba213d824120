// A poll's results: votes per choice and each choice's share of the total, with what decides who may
// see them (the poll's window and its "results before voting" setting) and the version they are at.
import { findPoll } from "@/lib/polls/queries";
import { sharePercent } from "@/lib/polls/share";
import type { TenantDb } from "@/lib/tenancy";

export { sharePercent };

export type PollResults = {
  pollId: number;
  /** The poll's resultsVersion when read: it only grows, with every change to votes, choices or window. */
  version: number;
  total: number;
  choices: { id: number; choiceText: string; votes: number; percent: number }[];
  opensAt: Date | null;
  closesAt: Date | null;
  resultsBeforeVoting: boolean;
  createdById: number;
};

export async function pollResults(db: TenantDb, pollId: number): Promise<PollResults | null> {
  const poll = await findPoll(db, pollId);
  if (!poll) return null;
  const total = poll.totalVotes;
  return {
    pollId: poll.id,
    version: poll.resultsVersion,
    total,
    choices: poll.choices.map((c) => ({ ...c, percent: sharePercent(c.votes, total) })),
    opensAt: poll.opensAt,
    closesAt: poll.closesAt,
    resultsBeforeVoting: poll.resultsBeforeVoting,
    createdById: poll.createdById,
  };
}
