import type { PollStatus } from "@/lib/polls/share";

/** "Closed", "Opens …" or "Closes …": when a poll takes votes, in UTC (the same for every reader). */
export function PollWindow({ poll, status }: { poll: { opensAt: Date | null; closesAt: Date | null }; status: PollStatus }) {
  if (status === "closed") {
    return (
      <p className="alert info" data-testid="poll-status">
        <strong>Closed</strong>
        {poll.closesAt && (
          <>
            {" "}
            on <Instant at={poll.closesAt} />
          </>
        )}
        . These are the final results.
      </p>
    );
  }
  if (status === "scheduled" && poll.opensAt) {
    return (
      <p className="alert info" data-testid="poll-status">
        Voting opens <Instant at={poll.opensAt} />.
      </p>
    );
  }
  if (!poll.closesAt) return null;
  return (
    <p className="muted" data-testid="poll-status">
      Voting closes <Instant at={poll.closesAt} />.
    </p>
  );
}

function Instant({ at }: { at: Date }) {
  return <time dateTime={at.toISOString()}>{at.toISOString().slice(0, 16).replace("T", " ")} UTC</time>;
}
