// Polls with votes already in them, made over the JSON API, for the specs about not losing votes.
import { api, createPollOverApi, E2E_ADMIN_PASSWORD, expect, login, signUpOverApi, THOR, type PollJson } from "./fixtures";

/** Thor's admin's API token (one login per call: tokens are cheap). */
export function thorAdminToken(): Promise<string> {
  return login(THOR, "admin", E2E_ADMIN_PASSWORD);
}

/** `count` new voters each cast one vote for `choiceText` of the poll. */
export async function castVotes(poll: PollJson, choiceText: string, count: number): Promise<void> {
  const choice = poll.choices.find((c) => c.choice_text === choiceText)!;
  for (let i = 0; i < count; i++) {
    const voter = await signUpOverApi(THOR, "voter");
    const vote = await api(THOR, "POST", `/api/polls/${poll.id}/choices/${choice.id}/vote`, { token: voter.token });
    expect(vote.status, vote.body).toBe(201);
  }
}

/** A thor poll Asgard / Vanaheim / Midgard with `votes` votes for Vanaheim, created by thor's admin. */
export async function realmsPoll(votes = 3): Promise<PollJson> {
  const token = await thorAdminToken();
  const poll = await createPollOverApi(THOR, token, ["Asgard", "Vanaheim", "Midgard"], `Best realm ${Date.now().toString(36)}?`);
  await castVotes(poll, "Vanaheim", votes);
  return poll;
}

/** The poll as the API reports it now to thor's admin (who always sees the counts): choice texts with their vote counts. */
export async function choiceVotes(pollId: number): Promise<[string, number | null][]> {
  const response = await api(THOR, "GET", `/api/polls/${pollId}`, { token: await thorAdminToken() });
  expect(response.status).toBe(200);
  return response.json<PollJson>().choices.map((c) => [c.choice_text, c.votes]);
}
