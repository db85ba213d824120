import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { sharePercent, type PollStatus } from "@/lib/polls/share";

/** What a poll nobody voted in says instead: only an open poll can still get a first vote. */
const NO_VOTES: Record<PollStatus, string> = {
  open: "No votes yet — be the first.",
  scheduled: "No votes yet: voting has not opened.",
  closed: "No votes were cast.",
};

/** What the results show: each choice's votes and the total. */
export type ResultsData = { totalVotes: number; choices: { id: number; choiceText: string; votes: number }[] };

/**
 * A poll's results as horizontal bars; the bar is decoration, the numbers are in the text. The leader stands out.
 * No server imports: LiveResults draws it in the browser as new counts arrive.
 */
export function Results({ poll, status, myChoiceId }: { poll: ResultsData; status: PollStatus; myChoiceId?: number | null }) {
  const most = Math.max(0, ...poll.choices.map((choice) => choice.votes));
  const tied = poll.choices.filter((choice) => choice.votes === most).length > 1;
  return (
    <section aria-labelledby="results-heading" className="grid gap-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="results-heading">Results</h2>
        <p className="text-muted tabular-nums" data-testid="total-votes">
          {poll.totalVotes} {poll.totalVotes === 1 ? "vote" : "votes"}
        </p>
      </div>
      {poll.totalVotes === 0 && (
        <p className="rounded-lg border border-dashed border-field px-4 py-3 text-center text-muted" data-testid="no-votes">
          {NO_VOTES[status]}
        </p>
      )}
      <ul className="grid gap-4">
        {poll.choices.map((choice) => {
          const percent = sharePercent(choice.votes, poll.totalVotes);
          const mine = choice.id === myChoiceId;
          const leading = most > 0 && choice.votes === most;
          return (
            <li key={choice.id} className="grid gap-1.5" data-testid="result-row" data-leading={leading || undefined}>
              <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                <span className={cx("flex flex-wrap items-center gap-2", leading ? "font-bold" : "font-medium")}>
                  {choice.choiceText}
                  {leading && <Badge tone="soft">{tied ? "Tied first" : "Leading"}</Badge>}
                  {mine && <Badge>Your vote</Badge>}
                </span>
                <span className="whitespace-nowrap text-muted tabular-nums">
                  {choice.votes} {choice.votes === 1 ? "vote" : "votes"} · <strong className="text-ink" data-testid="percent">{percent}%</strong>
                </span>
              </div>
              <div className="h-3 overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
                <div
                  className={cx("bar-fill h-full rounded-full transition-[width] duration-500 motion-reduce:transition-none", leading ? "bg-brand" : "bg-brand/45")}
                  style={{ width: `${percent}%` }}
                />
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
