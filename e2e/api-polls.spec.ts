// The polls API on tenant hosts: every route's success path and error codes, permissions
// (creator or admin), one vote per user, and tenant isolation of poll and choice ids.
import { test, expect, api, E2E_ADMIN_PASSWORD, expectApiError, login, type PollJson, POTTER, THOR, uniqueName } from "./fixtures";

type Page = { count: number; next: string | null; previous: string | null; results: PollJson[] };
type Choice = { id: number; poll: number; choice_text: string; votes: number };

test.describe("polls", () => {
  test("create, read, list: the poll's wire format", async ({ accounts, polls }) => {
    const user = await accounts.signUp(THOR, "maker");
    const question = uniqueName("Which rune?");
    const created = await api(THOR, "POST", "/api/polls", { token: user.token, json: { question: `  ${question}  `, choices: ["Fehu", "Uruz"] } });
    expect(created.status, created.body).toBe(201);
    const poll = created.json<PollJson>();
    expect(poll).toEqual({
      id: expect.any(Number),
      question,
      created_by: user.id,
      pub_date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      opens_at: null,
      closes_at: null,
      status: "open",
      show_results_before_voting: false,
      choices: [
        { id: expect.any(Number), choice_text: "Fehu", votes: 0 },
        { id: expect.any(Number), choice_text: "Uruz", votes: 0 },
      ],
    });
    expect(Math.abs(Date.parse(poll.pub_date) - Date.now())).toBeLessThan(60_000);

    const fetched = await api(THOR, "GET", `/api/polls/${poll.id}`, { token: user.token });
    expect(fetched.status).toBe(200);
    expect(fetched.json()).toEqual(poll);
    // Anonymous readers see the poll but not its counts while it hides results before voting.
    const anonymous = (await api(THOR, "GET", `/api/polls/${poll.id}`)).json<PollJson>();
    expect(anonymous.choices.map((c) => c.votes)).toEqual([null, null]);
    expect(fetched.headers["cache-control"]).toContain("no-store");

    const withoutChoices = await polls.create(THOR, user.token, []);
    expect(withoutChoices.choices).toEqual([]);

    const page = await api(THOR, "GET", "/api/polls?page_size=100");
    expect(page.json<Page>().results.map((p) => p.id)).toEqual(expect.arrayContaining([poll.id, withoutChoices.id]));
  });

  test("pagination: count, next and previous on the tenant's host, page_size at most 100", async ({ accounts, polls }) => {
    const user = await accounts.signUp(THOR, "pager");
    for (let i = 0; i < 3; i++) await polls.create(THOR, user.token);

    const first = (await api(THOR, "GET", "/api/polls?page_size=2")).json<Page>();
    expect(first.count).toBeGreaterThanOrEqual(5); // two seeded polls and these three
    expect(first.results).toHaveLength(2);
    expect(first.previous).toBeNull();
    expect(first.next).toBe(`http://${THOR}/api/polls?page=2&page_size=2`);

    const second = (await api(THOR, "GET", "/api/polls?page=2&page_size=2")).json<Page>();
    expect(second.previous).toBe(`http://${THOR}/api/polls?page=1&page_size=2`);
    const pages = Math.ceil(second.count / 2);
    const beyond = await api(THOR, "GET", `/api/polls?page=${pages + 1}&page_size=2`);
    expectApiError(beyond, 404, "not_found");

    const all = (await api(THOR, "GET", "/api/polls?page_size=100")).json<Page>();
    expect(all.results.length).toBe(Math.min(all.count, 100));
    for (const query of ["page_size=101", "page_size=0", "page=0", "page=abc", "page_size=1e2", "page=-1", "page=9999999999"]) {
      expectApiError(await api(THOR, "GET", `/api/polls?${query}`), 400, "validation_failed");
    }
    // Unknown parameters are ignored, as on any page.
    expect((await api(THOR, "GET", "/api/polls?utm_source=x")).status).toBe(200);
  });

  test("PUT, PATCH and DELETE: the creator or an admin, anyone else 403", async ({ accounts, polls }) => {
    const owner = await accounts.signUp(THOR, "owner");
    const stranger = await accounts.signUp(THOR, "stranger");
    const admin = await login(THOR, "admin", E2E_ADMIN_PASSWORD);
    const poll = await polls.create(THOR, owner.token);
    const path = `/api/polls/${poll.id}`;

    expectApiError(await api(THOR, "PUT", path, { token: stranger.token, json: { question: "Mine now" } }), 403, "forbidden");
    expectApiError(await api(THOR, "PATCH", path, { token: stranger.token, json: { question: "Mine now" } }), 403, "forbidden");
    expectApiError(await api(THOR, "DELETE", path, { token: stranger.token }), 403, "forbidden");
    expectApiError(await api(THOR, "PUT", path, { json: { question: "Anyone?" } }), 401, "unauthorized");

    const put = await api(THOR, "PUT", path, { token: owner.token, json: { question: "Replaced question" } });
    expect(put.status, put.body).toBe(200);
    expect(put.json<PollJson>()).toMatchObject({ id: poll.id, question: "Replaced question", choices: poll.choices });
    expectApiError(await api(THOR, "PUT", path, { token: owner.token, json: {} }), 400, "validation_failed");

    const patch = await api(THOR, "PATCH", path, { token: admin, json: { question: "Patched by the admin" } });
    expect(patch.status, patch.body).toBe(200);
    expect(patch.json<PollJson>().question).toBe("Patched by the admin");
    const emptyPatch = await api(THOR, "PATCH", path, { token: owner.token, json: {} });
    expect(emptyPatch.json<PollJson>().question).toBe("Patched by the admin");
    expect(emptyPatch.json<PollJson>().created_by).toBe(owner.id);

    const deleted = await api(THOR, "DELETE", path, { token: admin });
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBe("");
    expectApiError(await api(THOR, "GET", path), 404, "not_found");
    expectApiError(await api(THOR, "DELETE", path, { token: admin }), 404, "not_found");
    expectApiError(await api(THOR, "PATCH", path, { token: admin, json: { question: "Ghost" } }), 404, "not_found");
  });

  test("unknown or malformed poll ids are 404 on every route", async ({ accounts }) => {
    const user = await accounts.signUp(THOR, "seeker");
    for (const id of ["2147483647", "0", "abc", "1e3", "-1", "99999999999"]) {
      expectApiError(await api(THOR, "GET", `/api/polls/${id}`), 404, "not_found");
      expectApiError(await api(THOR, "GET", `/api/polls/${id}/choices`), 404, "not_found");
      expectApiError(await api(THOR, "GET", `/api/polls/${id}/results`), 404, "not_found");
      expectApiError(await api(THOR, "POST", `/api/polls/${id}/choices`, { token: user.token, json: { choice_text: "x" } }), 404);
      expectApiError(await api(THOR, "POST", `/api/polls/${id}/choices/1/vote`, { token: user.token }), 404, "not_found");
    }
  });
});

test.describe("choices", () => {
  test("list with vote counts; the creator or an admin adds one, others 403", async ({ accounts, polls }) => {
    const owner = await accounts.signUp(THOR, "chooser");
    const stranger = await accounts.signUp(THOR, "meddler");
    const poll = await polls.create(THOR, owner.token, ["Red"]);
    const path = `/api/polls/${poll.id}/choices`;

    const added = await api(THOR, "POST", path, { token: owner.token, json: { choice_text: " Blue " } });
    expect(added.status, added.body).toBe(201);
    const blue = added.json<Choice>();
    expect(blue).toEqual({ id: expect.any(Number), poll: poll.id, choice_text: "Blue", votes: 0 });

    const byAdmin = await api(THOR, "POST", path, { token: await login(THOR, "admin", E2E_ADMIN_PASSWORD), json: { choice_text: "Green" } });
    expect(byAdmin.status, byAdmin.body).toBe(201);
    expectApiError(await api(THOR, "POST", path, { token: stranger.token, json: { choice_text: "Mauve" } }), 403, "forbidden");
    expectApiError(await api(THOR, "POST", path, { json: { choice_text: "Mauve" } }), 401, "unauthorized");

    expect((await api(THOR, "POST", `${path}/${blue.id}/vote`, { token: stranger.token })).status).toBe(201);
    const list = await api(THOR, "GET", path, { token: stranger.token }); // who has voted sees the counts
    expect(list.status).toBe(200);
    expect(list.json<Choice[]>()).toEqual([
      { id: poll.choices[0].id, poll: poll.id, choice_text: "Red", votes: 0 },
      { id: blue.id, poll: poll.id, choice_text: "Blue", votes: 1 },
      { id: expect.any(Number), poll: poll.id, choice_text: "Green", votes: 0 },
    ]);
  });

  test("a poll holds at most 20 choices", async ({ accounts, polls }) => {
    const owner = await accounts.signUp(THOR, "many");
    const poll = await polls.create(THOR, owner.token, Array.from({ length: 20 }, (_, i) => `Choice ${i}`));
    const response = await api(THOR, "POST", `/api/polls/${poll.id}/choices`, { token: owner.token, json: { choice_text: "One more" } });
    expectApiError(response, 409, "conflict");
  });
});

test.describe("votes and results", () => {
  test("the vote belongs to the authenticated user, whatever voted_by says; a second vote is 409", async ({ accounts, polls }) => {
    const owner = await accounts.signUp(THOR, "asker");
    const voter = await accounts.signUp(THOR, "voter");
    const poll = await polls.create(THOR, owner.token, ["Ale", "Mead"]);
    const [ale, mead] = poll.choices;

    const vote = await api(THOR, "POST", `/api/polls/${poll.id}/choices/${mead.id}/vote`, { token: voter.token, json: { voted_by: owner.id } });
    expect(vote.status, vote.body).toBe(201);
    expect(vote.json()).toEqual({ id: expect.any(Number), choice: mead.id, poll: poll.id, voted_by: voter.id });

    const again = await api(THOR, "POST", `/api/polls/${poll.id}/choices/${ale.id}/vote`, { token: voter.token });
    expectApiError(again, 409, "conflict");

    // voted_by did not cast a vote for the owner: the owner can still vote, with an empty body.
    const ownVote = await api(THOR, "POST", `/api/polls/${poll.id}/choices/${ale.id}/vote`, { token: owner.token });
    expect(ownVote.status, ownVote.body).toBe(201);
    expect(ownVote.json<{ voted_by: number }>().voted_by).toBe(owner.id);

    expectApiError(await api(THOR, "POST", `/api/polls/${poll.id}/choices/${ale.id}/vote`), 401, "unauthorized");
    const junk = await api(THOR, "POST", `/api/polls/${poll.id}/choices/${ale.id}/vote`, { token: voter.token, json: { voted_by: 1, choice: 2 } });
    expect(expectApiError(junk, 400, "validation_failed").fields).toEqual({ choice: "Unknown field" });

    expectApiError(await api(THOR, "GET", `/api/polls/${poll.id}/results`), 403, "results_hidden");
    const results = await api(THOR, "GET", `/api/polls/${poll.id}/results`, { token: voter.token });
    expect(results.status).toBe(200);
    expect(results.json()).toEqual({
      poll: poll.id,
      status: "open",
      opens_at: null,
      closes_at: null,
      total: 2,
      choices: [
        { id: ale.id, choice_text: "Ale", votes: 1, percent: 50 },
        { id: mead.id, choice_text: "Mead", votes: 1, percent: 50 },
      ],
    });
    const fetched = (await api(THOR, "GET", `/api/polls/${poll.id}`, { token: owner.token })).json<PollJson>();
    expect(fetched.choices.map((c) => c.votes)).toEqual([1, 1]);
  });

  test("a choice of another poll, or no choice at all, is 404 — even after voting", async ({ accounts, polls }) => {
    const owner = await accounts.signUp(THOR, "twin");
    const voter = await accounts.signUp(THOR, "picker");
    const first = await polls.create(THOR, owner.token, ["A", "B"]);
    const second = await polls.create(THOR, owner.token, ["C", "D"]);

    const foreign = await api(THOR, "POST", `/api/polls/${first.id}/choices/${second.choices[0].id}/vote`, { token: voter.token });
    expectApiError(foreign, 404, "not_found");
    const missing = await api(THOR, "POST", `/api/polls/${first.id}/choices/2147483647/vote`, { token: voter.token });
    expectApiError(missing, 404, "not_found");

    expect((await api(THOR, "POST", `/api/polls/${first.id}/choices/${first.choices[0].id}/vote`, { token: voter.token })).status).toBe(201);
    const foreignAfterVoting = await api(THOR, "POST", `/api/polls/${first.id}/choices/${second.choices[1].id}/vote`, { token: voter.token });
    expectApiError(foreignAfterVoting, 404, "not_found");

    const results = (await api(THOR, "GET", `/api/polls/${second.id}/results`, { token: owner.token })).json<{ total: number }>();
    expect(results.total).toBe(0);
  });

  test("results of a poll nobody voted in are all zero", async ({ accounts, polls }) => {
    const owner = await accounts.signUp(THOR, "quiet");
    const poll = await polls.create(THOR, owner.token, ["X", "Y", "Z"]);
    const results = (await api(THOR, "GET", `/api/polls/${poll.id}/results`, { token: owner.token })).json<{ total: number; choices: { percent: number }[] }>();
    expect(results.total).toBe(0);
    expect(results.choices.map((c) => c.percent)).toEqual([0, 0, 0]);
  });
});

test.describe("tenant isolation", () => {
  test("potter's polls and choices are not reachable on thor", async ({ accounts, polls }) => {
    const thorUser = await accounts.signUp(THOR, "thorite");
    const potterAdmin = await login(POTTER, "admin", E2E_ADMIN_PASSWORD);
    const thorPoll = await polls.create(THOR, thorUser.token);
    // Poll ids are per-schema sequences: push potter's past thor's so the id names nothing on thor.
    let potterPoll = await polls.create(POTTER, potterAdmin, ["Owl", "Toad"], uniqueName("Potter only"));
    while (potterPoll.id <= thorPoll.id + 50) potterPoll = await polls.create(POTTER, potterAdmin, ["Owl", "Toad"], uniqueName("Potter only"));

    const id = potterPoll.id;
    expectApiError(await api(THOR, "GET", `/api/polls/${id}`), 404, "not_found");
    expectApiError(await api(THOR, "GET", `/api/polls/${id}/choices`), 404, "not_found");
    expectApiError(await api(THOR, "GET", `/api/polls/${id}/results`), 404, "not_found");
    expectApiError(await api(THOR, "POST", `/api/polls/${id}/choices/${potterPoll.choices[0].id}/vote`, { token: thorUser.token }), 404);
    expectApiError(await api(THOR, "PATCH", `/api/polls/${id}`, { token: thorUser.token, json: { question: "Hijacked" } }), 404);
    expectApiError(await api(THOR, "DELETE", `/api/polls/${id}`, { token: thorUser.token }), 404);
    // A potter choice id named under a thor poll is not that poll's choice.
    const crossChoice = await api(THOR, "POST", `/api/polls/${thorPoll.id}/choices/${potterPoll.choices[0].id}/vote`, { token: thorUser.token });
    expectApiError(crossChoice, 404, "not_found");

    const thorList = await api(THOR, "GET", "/api/polls?page_size=100");
    expect(thorList.body).not.toContain(potterPoll.question);
    const onPotter = await api(POTTER, "GET", `/api/polls/${id}`);
    expect(onPotter.json<PollJson>().question).toBe(potterPoll.question);
  });
});
