"use client";

import { useEffect, useState } from "react";

// Every count on a page shares one EventSource on /api/polls/stream (a page of ten polls must not hold
// ten connections: browsers allow six per host). Counts mounted in the same tick join one connection.
const followers = new Map<number, Set<(total: number) => void>>();
let source: EventSource | null = null;
let reconnect: ReturnType<typeof setTimeout> | null = null;

function connect() {
  reconnect = null;
  source?.close();
  source = null;
  if (followers.size === 0) return;
  source = new EventSource(`/api/polls/stream?ids=${[...followers.keys()].join(",")}`);
  source.addEventListener("total", (event) => {
    const { poll, total } = JSON.parse((event as MessageEvent<string>).data) as { poll: number; total: number };
    followers.get(poll)?.forEach((follower) => follower(total));
  });
}

function follow(pollId: number, onTotal: (total: number) => void): () => void {
  const set = followers.get(pollId) ?? new Set();
  followers.set(pollId, set);
  set.add(onTotal);
  reconnect ??= setTimeout(connect, 0);
  return () => {
    set.delete(onTotal);
    if (set.size === 0) followers.delete(pollId);
    reconnect ??= setTimeout(connect, 0);
  };
}

/** "3 votes", kept current while the page is open; without JavaScript, the count as of loading. */
export function LiveVoteCount({ pollId, initial }: { pollId: number; initial: number }) {
  const [total, setTotal] = useState(initial);
  useEffect(() => follow(pollId, setTotal), [pollId]);
  return (
    <span data-testid="vote-count" data-poll={pollId}>
      {total} {total === 1 ? "vote" : "votes"}
    </span>
  );
}
