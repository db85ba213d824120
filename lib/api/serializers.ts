// Domain rows → the API's wire format (snake_case, ids for relations, ISO dates), typed by the same
// zod schemas the OpenAPI document is generated from.
import type { ChoiceResource, PollResource, ResultsResource, UserResource, VoteResource } from "@/lib/api/schemas";
import type { PollResults } from "@/lib/polls/results";
import type { PollWithVotes } from "@/lib/polls/queries";

export function serializeUser(user: { id: number; username: string; email: string }): UserResource {
  return { id: user.id, username: user.username, email: user.email };
}

export function serializePoll(poll: PollWithVotes): PollResource {
  return {
    id: poll.id,
    question: poll.question,
    created_by: poll.createdById,
    pub_date: poll.pubDate.toISOString(),
    choices: poll.choices.map((c) => ({ id: c.id, choice_text: c.choiceText, votes: c.votes })),
  };
}

export function serializeChoice(pollId: number, choice: { id: number; choiceText: string; votes: number }): ChoiceResource {
  return { id: choice.id, poll: pollId, choice_text: choice.choiceText, votes: choice.votes };
}

export function serializeVote(vote: { id: number; choiceId: number; pollId: number; votedById: number }): VoteResource {
  return { id: vote.id, choice: vote.choiceId, poll: vote.pollId, voted_by: vote.votedById };
}

export function serializeResults(results: PollResults): ResultsResource {
  return {
    poll: results.pollId,
    total: results.total,
    choices: results.choices.map((c) => ({ id: c.id, choice_text: c.choiceText, votes: c.votes, percent: c.percent })),
  };
}
