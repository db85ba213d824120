// Figures the pages and the API show alike; no server imports, so client components can use them too.

/** A choice's share of the votes in percent, one decimal, 0 when nobody voted (not NaN): the figure the poll page and the API both show. */
export function sharePercent(votes: number, total: number): number {
  return total === 0 ? 0 : Math.round((votes / total) * 1000) / 10;
}

/** Where a poll is in its life: before `opensAt`, between, or from `closesAt` on. */
export type PollStatus = "scheduled" | "open" | "closed";

export function pollStatus(poll: { opensAt: Date | null; closesAt: Date | null }, now: Date): PollStatus {
  if (poll.closesAt && poll.closesAt.getTime() <= now.getTime()) return "closed";
  if (poll.opensAt && poll.opensAt.getTime() > now.getTime()) return "scheduled";
  return "open";
}
