// Every operation of the JSON API, described once: the route files check that they implement exactly
// these, and the OpenAPI document is generated from them, so the two cannot drift apart.
import { z } from "zod";
import type { ApiErrorCode } from "@/lib/api/errors";
import {
  choiceResource,
  loginBody,
  newChoiceBody,
  newPollBody,
  newUserBody,
  pageQuery,
  patchPollBody,
  pollPageResource,
  pollResource,
  replacePollBody,
  resultsResource,
  tokenResource,
  totalEventResource,
  totalsQuery,
  userResource,
  voteBody,
  voteResource,
} from "@/lib/api/schemas";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type ApiOperation = {
  method: HttpMethod;
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** "none": anonymous; "optional": anonymous or authenticated; "required": authenticated only. */
  auth: "none" | "optional" | "required";
  query?: z.ZodObject;
  body?: { schema: z.ZodType; required: boolean };
  /** `contentType` when not JSON (the results stream's text/event-stream, whose events' data `schema` describes). */
  success: { status: number; description: string; schema?: z.ZodType; contentType?: string };
  errors: ApiErrorCode[];
};

export const choiceListResource = z.array(choiceResource);
const openApiDocumentResource = z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.record(z.string(), z.unknown()) });

/** Errors any request body can earn: too big, not JSON, malformed, a `__proto__` key or NUL, invalid fields. */
const BODY_ERRORS: ApiErrorCode[] = ["validation_failed", "invalid_json", "bad_request", "payload_too_large", "unsupported_media_type"];

const VOTE_DELETION =
  "`choices`, if given, lists all of the poll's choices: `{ id, choice_text }` keeps (and may rename) a choice, " +
  "`{ choice_text }` adds one, an existing choice left out is removed. Choice texts must differ ignoring case. " +
  "Removing a choice that has votes deletes them, so it is refused with a 409 `choice_has_votes` naming each such " +
  'choice and its votes (`error.choices`) unless the body says `"delete_votes": true`.';

const RESULTS_VISIBILITY =
  "A poll with `show_results_before_voting` false (the default) shows its results to those who have voted, to this " +
  "site's admins and the poll's creator, and to everyone once it is closed; anyone else gets a 403 `results_hidden` " +
  "(and `null` vote counts in the poll and choice resources).";

export const API_OPERATIONS: ApiOperation[] = [
  {
    method: "POST",
    path: "/api/users",
    operationId: "createUser",
    summary: "Sign up a user of this site",
    description: "New users are voters; the password is stored as a scrypt hash.",
    auth: "none",
    body: { schema: newUserBody, required: true },
    success: { status: 201, description: "The new user", schema: userResource },
    errors: [...BODY_ERRORS, "conflict"],
  },
  {
    method: "POST",
    path: "/api/login",
    operationId: "login",
    summary: "Exchange a username and password for an API token",
    description: "Each login issues a new token. Only its hash is stored: keep the key, it is not shown again.",
    auth: "none",
    body: { schema: loginBody, required: true },
    success: { status: 200, description: "A new token for the user", schema: tokenResource },
    errors: [...BODY_ERRORS, "invalid_credentials", "rate_limited"],
  },
  {
    method: "GET",
    path: "/api/polls",
    operationId: "listPolls",
    summary: "List polls, newest first",
    auth: "optional",
    query: pageQuery,
    success: { status: 200, description: "One page of polls", schema: pollPageResource },
    errors: ["validation_failed", "unauthorized", "not_found"],
  },
  {
    method: "POST",
    path: "/api/polls",
    operationId: "createPoll",
    summary: "Create a poll, optionally with its choices",
    auth: "required",
    body: { schema: newPollBody, required: true },
    success: { status: 201, description: "The new poll", schema: pollResource },
    errors: [...BODY_ERRORS, "unauthorized", "forbidden"],
  },
  {
    method: "GET",
    path: "/api/polls/{id}",
    operationId: "getPoll",
    summary: "Get a poll with its choices and vote counts",
    auth: "optional",
    success: { status: 200, description: "The poll", schema: pollResource },
    errors: ["unauthorized", "not_found"],
  },
  {
    method: "PUT",
    path: "/api/polls/{id}",
    operationId: "replacePoll",
    summary: "Replace a poll's question, and its choices if listed (its creator or an admin)",
    description: VOTE_DELETION,
    auth: "required",
    body: { schema: replacePollBody, required: true },
    success: { status: 200, description: "The updated poll", schema: pollResource },
    errors: [...BODY_ERRORS, "unauthorized", "forbidden", "not_found", "duplicate_choice", "choice_has_votes"],
  },
  {
    method: "PATCH",
    path: "/api/polls/{id}",
    operationId: "updatePoll",
    summary: "Change some of a poll's fields (its creator or an admin)",
    description: VOTE_DELETION,
    auth: "required",
    body: { schema: patchPollBody, required: true },
    success: { status: 200, description: "The updated poll", schema: pollResource },
    errors: [...BODY_ERRORS, "unauthorized", "forbidden", "not_found", "duplicate_choice", "choice_has_votes"],
  },
  {
    method: "DELETE",
    path: "/api/polls/{id}",
    operationId: "deletePoll",
    summary: "Delete a poll with its choices and votes (its creator or an admin)",
    auth: "required",
    success: { status: 204, description: "Deleted" },
    errors: ["unauthorized", "forbidden", "not_found"],
  },
  {
    method: "GET",
    path: "/api/polls/{id}/choices",
    operationId: "listChoices",
    summary: "List a poll's choices with their vote counts",
    auth: "optional",
    success: { status: 200, description: "The poll's choices", schema: choiceListResource },
    errors: ["unauthorized", "not_found"],
  },
  {
    method: "POST",
    path: "/api/polls/{id}/choices",
    operationId: "addChoice",
    summary: "Add a choice to a poll (its creator or an admin)",
    description: "Choices of a poll differ ignoring case: a second `Yes` (or `yes`) is a 409 duplicate_choice.",
    auth: "required",
    body: { schema: newChoiceBody, required: true },
    success: { status: 201, description: "The new choice", schema: choiceResource },
    errors: [...BODY_ERRORS, "unauthorized", "forbidden", "not_found", "conflict", "duplicate_choice"],
  },
  {
    method: "POST",
    path: "/api/polls/{id}/choices/{choiceId}/vote",
    operationId: "castVote",
    summary: "Vote for a choice as the authenticated user",
    description:
      "One vote per user per poll. The voter is the authenticated user; a `voted_by` field is ignored. " +
      "Voting happens between the poll's `opens_at` and `closes_at`, by the database's clock at the moment of the vote: " +
      "before, a 409 `poll_not_open`; from `closes_at` on (or after a close), a 409 `poll_closed`.",
    auth: "required",
    body: { schema: voteBody, required: false },
    success: { status: 201, description: "The vote", schema: voteResource },
    errors: [...BODY_ERRORS, "unauthorized", "forbidden", "not_found", "conflict", "poll_not_open", "poll_closed"],
  },
  {
    method: "GET",
    path: "/api/polls/{id}/results",
    operationId: "getResults",
    summary: "A poll's results: votes and share per choice",
    description: RESULTS_VISIBILITY,
    auth: "optional",
    success: { status: 200, description: "The results", schema: resultsResource },
    errors: ["unauthorized", "not_found", "results_hidden"],
  },
  {
    method: "GET",
    path: "/api/polls/{id}/results/stream",
    operationId: "streamResults",
    summary: "A poll's results as they change (Server-Sent Events)",
    description:
      "A `text/event-stream`: an `event: results` with the poll's results (the JSON of `/api/polls/{id}/results`) on " +
      "connect and after every change to its votes, choices or voting window, at most one per ~100 ms. Each event's " +
      "`id:` is the poll's results version, which only grows: reconnecting with `Last-Event-ID` (browsers' EventSource " +
      "does) sends the current results only if they changed since. A comment line every 15 s keeps proxies from closing " +
      "the connection. `event: deleted` ends the stream when the poll is deleted, and `event: hidden` when the reader " +
      "may no longer see the results (the poll was reopened or set to hide them, or the reader lost what let them see " +
      "them: demoted, or their session ended by a disabled account, a sign-out everywhere or its expiry, where the " +
      "results are not shown to everyone). `event: unauthorized` ends it when the token it was opened with no longer " +
      "holds (revoked, or its account disabled). Each change is checked against the reader's account as it is then. " +
      RESULTS_VISIBILITY,
    auth: "optional",
    success: { status: 200, description: "The stream; each `results` event's data is the results JSON", schema: resultsResource, contentType: "text/event-stream" },
    errors: ["unauthorized", "not_found", "results_hidden"],
  },
  {
    method: "GET",
    path: "/api/polls/stream",
    operationId: "streamTotals",
    summary: "The vote totals of some polls as they change (Server-Sent Events)",
    description:
      "A `text/event-stream` of `event: total` events, `{ poll, total }`: each poll's current total on connect, then " +
      "after every change, at most one per poll per ~100 ms. Polls that do not exist are left out. A total is public: " +
      "it says how many took part, not how they voted. No event ids: a reconnect gets every total again.",
    auth: "none",
    query: totalsQuery,
    success: { status: 200, description: "The stream; each `total` event's data is one poll's total", schema: totalEventResource, contentType: "text/event-stream" },
    errors: ["validation_failed", "not_found"],
  },
  {
    method: "GET",
    path: "/api/openapi.json",
    operationId: "getOpenApiDocument",
    summary: "This document (OpenAPI 3.1); a readable version is at /api/docs",
    auth: "none",
    success: { status: 200, description: "The OpenAPI document", schema: openApiDocumentResource },
    errors: [],
  },
];

/** The methods documented for a path, in a stable order. */
export function documentedMethods(path: string): HttpMethod[] {
  return HTTP_METHODS.filter((method) => API_OPERATIONS.some((op) => op.path === path && op.method === method));
}
