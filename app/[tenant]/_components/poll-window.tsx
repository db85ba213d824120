import { Alert } from "@/components/ui/alert";
import type { PollStatus } from "@/lib/polls/share";

/** "Closed", "Opens …" or "Closes …": when a poll takes votes, in UTC (the same for every reader). */
export function PollWindow({ poll, status }: { poll: { opensAt: Date | null; closesAt: Date | null }; status: PollStatus }) {
  if (status === "closed") {
    return (
      <Alert tone="info" data-testid="poll-status">
        <strong>Closed</strong>
        {poll.closesAt && (
          <>
            {" "}
            on <Instant at={poll.closesAt} />
          </>
        )}
        . These are the final results.
      </Alert>
    );
  }
  if (status === "scheduled" && poll.opensAt) {
    return (
      <Alert tone="info" data-testid="poll-status">
        Voting opens <Instant at={poll.opensAt} />.
      </Alert>
    );
  }
  if (!poll.closesAt) return null;
  return (
    <p className="text-muted" data-testid="poll-status">
      Voting closes <Instant at={poll.closesAt} />.
    </p>
  );
}

function Instant({ at }: { at: Date }) {
  return <time dateTime={at.toISOString()}>{at.toISOString().slice(0, 16).replace("T", " ")} UTC</time>;
}
