import { sharePercent } from "@/lib/polls/share";

/** What the results show: each choice's votes and the total. */
export type ResultsData = { totalVotes: number; choices: { id: number; choiceText: string; votes: number }[] };

/**
 * A poll's results as horizontal bars; the bar is decoration, the numbers are in the text. No server
 * imports: LiveResults draws it in the browser as new counts arrive.
 */
export function Results({ poll, myChoiceId }: { poll: ResultsData; myChoiceId?: number | null }) {
  return (
    <section aria-labelledby="results-heading">
      <div className="toolbar">
        <h2 id="results-heading">Results</h2>
        <p className="muted" data-testid="total-votes">
          {poll.totalVotes} {poll.totalVotes === 1 ? "vote" : "votes"}
        </p>
      </div>
      <ul className="results">
        {poll.choices.map((choice) => {
          const percent = sharePercent(choice.votes, poll.totalVotes);
          const mine = choice.id === myChoiceId;
          return (
            <li key={choice.id} className={mine ? "result-row mine" : "result-row"} data-testid="result-row">
              <div className="result-label">
                <span>
                  {choice.choiceText}
                  {mine && <span className="badge">Your vote</span>}
                </span>
                <span className="result-count">
                  {choice.votes} {choice.votes === 1 ? "vote" : "votes"} · <strong data-testid="percent">{percent}%</strong>
                </span>
              </div>
              <div className="bar" aria-hidden="true">
                <div className="bar-fill" style={{ width: `${percent}%` }} />
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
