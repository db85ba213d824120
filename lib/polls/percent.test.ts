// The share a poll page shows beside each choice is the figure /api/polls/:id/results returns.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Results } from "@/app/[tenant]/_components/results";
import type { ResultsData } from "@/app/[tenant]/_components/results";
import { sharePercent } from "@/lib/polls/results";
import type { PollStatus } from "@/lib/polls/share";

function pollWith(votes: number[]): ResultsData {
  const choices = votes.map((v, i) => ({ id: i + 1, choiceText: `Choice ${i + 1}`, votes: v }));
  const totalVotes = votes.reduce((sum, v) => sum + v, 0);
  return { choices, totalVotes };
}

/** The percentages a poll page shows, in choice order. */
function shownPercents(poll: ResultsData): string[] {
  const html = renderToStaticMarkup(createElement(Results, { poll, status: "open" }));
  return [...html.matchAll(/data-testid="percent">([^<]*)</g)].map(([, text]) => text);
}

describe("sharePercent", () => {
  it("rounds to one decimal and is 0 when nobody voted", () => {
    expect([sharePercent(2, 3), sharePercent(1, 3), sharePercent(1, 8), sharePercent(0, 0)]).toEqual([66.7, 33.3, 12.5, 0]);
  });
});

describe("the results on a poll page", () => {
  // 1 of 3 and 1 of 200 are where rounding to whole percents (33, 1) and to one decimal (33.3, 0.5) part.
  it.each([
    [[2, 1, 0], ["66.7%", "33.3%", "0%"]],
    [[1, 199], ["0.5%", "99.5%"]],
    [[0, 0], ["0%", "0%"]],
  ])("for votes %j show %j, the API's figures", (votes, shown) => {
    const poll = pollWith(votes);
    expect(shownPercents(poll)).toEqual(shown);
    expect(shownPercents(poll)).toEqual(poll.choices.map((c) => `${sharePercent(c.votes, poll.totalVotes)}%`));
  });
});

describe("the results of a poll nobody voted in", () => {
  /** The text a poll page shows in place of votes, or null when it shows none. */
  function emptyText(status: PollStatus): string | null {
    const html = renderToStaticMarkup(createElement(Results, { poll: pollWith([0, 0]), status }));
    return /data-testid="no-votes">([^<]*)</.exec(html)?.[1] ?? null;
  }

  it("invites the first vote only while the poll is open", () => {
    expect(emptyText("open")).toBe("No votes yet — be the first.");
    expect(emptyText("closed")).toBe("No votes were cast.");
    expect(emptyText("scheduled")).toBe("No votes yet: voting has not opened.");
  });

  it("says nothing of the kind once someone voted", () => {
    expect(renderToStaticMarkup(createElement(Results, { poll: pollWith([1, 0]), status: "closed" }))).not.toContain("no-votes");
  });
});
