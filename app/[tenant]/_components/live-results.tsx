"use client";

import { useEffect, useState } from "react";
import type { PollStatus } from "@/lib/polls/share";
import { Results, type ResultsData } from "./results";

/** One `results` event of /api/polls/:id/results/stream (the JSON of /api/polls/:id/results). */
type ResultsEvent = { status: PollStatus; total: number; choices: { id: number; choice_text: string; votes: number }[] };

/**
 * The server-drawn results, kept current in the browser by the poll's results stream: the bars glide to
 * their new widths (a CSS transition, off for reduced motion). Without JavaScript the page shows the
 * results as of its loading, and a reload shows them anew.
 */
export function LiveResults({
  pollId,
  initial,
  status: initialStatus,
  myChoiceId,
}: {
  pollId: number;
  initial: ResultsData;
  status: PollStatus;
  myChoiceId?: number | null;
}) {
  const [results, setResults] = useState(initial);
  const [status, setStatus] = useState(initialStatus);
  const [live, setLive] = useState(false);
  useEffect(() => {
    const source = new EventSource(`/api/polls/${pollId}/results/stream`);
    source.addEventListener("open", () => setLive(true));
    source.addEventListener("results", (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as ResultsEvent;
      setStatus(data.status);
      setResults({ totalVotes: data.total, choices: data.choices.map((c) => ({ id: c.id, choiceText: c.choice_text, votes: c.votes })) });
    });
    // The poll is gone, or its results are no longer shown to this reader: the page says so on reload.
    const stop = () => {
      source.close();
      setLive(false);
    };
    source.addEventListener("deleted", stop);
    source.addEventListener("hidden", stop);
    return () => source.close();
  }, [pollId]);
  return (
    <div data-testid="live-results" data-live={live ? "on" : "off"}>
      <Results poll={results} status={status} myChoiceId={myChoiceId} />
    </div>
  );
}
