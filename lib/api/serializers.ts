// Domain rows → the API's wire format (snake_case, ids for relations, ISO dates), typed by the same
// zod schemas the OpenAPI document is generated from.
import type { ChoiceResource, PollResource, ResultsResource, UserResource, VoteResource } from "@/lib/api/schemas";
import type { PollResults } from "@/lib/polls/results";
import type { PollWithVotes } from "@/lib/polls/queries";
import { pollStatus } from "@/lib/polls/share";

export function serializeUser(user: { id: number; username: string; email: string }): UserResource {
  return { id: user.id, username: user.username, email: user.email };
}

/** A poll; `resultsVisible` false leaves its choices' vote counts out (null). */
export function serializePoll(poll: PollWithVotes, resultsVisible: boolean, now = new Date()): PollResource {
  return {
    id: poll.id,
    question: poll.question,
    created_by: poll.createdById,
    pub_date: poll.pubDate.toISOString(),
    opens_at: poll.opensAt?.toISOString() ?? null,
    closes_at: poll.closesAt?.toISOString() ?? null,
    status: pollStatus(poll, now),
    show_results_before_voting: poll.resultsBeforeVoting,
    choices: poll.choices.map((c) => ({ id: c.id, choice_text: c.choiceText, votes: resultsVisible ? c.votes : null })),
  };
}

export function serializeChoice(pollId: number, choice: { id: number; choiceText: string; votes: number }, resultsVisible = true): ChoiceResource {
  return { id: choice.id, poll: pollId, choice_text: choice.choiceText, votes: resultsVisible ? choice.votes : null };
}

export function serializeVote(vote: { id: number; choiceId: number; pollId: number; votedById: number }): VoteResource {
  return { id: vote.id, choice: vote.choiceId, poll: vote.pollId, voted_by: vote.votedById };
}

export function serializeResults(results: PollResults, now = new Date()): ResultsResource {
  return {
    poll: results.pollId,
    status: pollStatus(results, now),
    opens_at: results.opensAt?.toISOString() ?? null,
    closes_at: results.closesAt?.toISOString() ?? null,
    total: results.total,
    choices: results.choices.map((c) => ({ id: c.id, choice_text: c.choiceText, votes: c.votes, percent: c.percent })),
  };
}
