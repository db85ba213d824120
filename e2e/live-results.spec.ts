// Live results: a poll's results stream (Server-Sent Events) sends new counts within a second of a
// vote, on this instance and on another; a reconnect with Last-Event-ID gets the change it missed; the
// results page updates without a reload; and votes outside a poll's window are refused, by the API and
// by the form, even when the close comes between loading the form and sending it. A reader whose account
// is disabled while watching gets no new counts: the page stops following, the token's stream ends.
import { api, createPollOverApi, E2E_ADMIN_PASSWORD, expect, expectApiError, login, signUpOverApi, test, THOR, uniqueName, type PollJson } from "./fixtures";
import { openStream } from "./event-stream";
import { startSecondInstance } from "./instances";
import { signInContext, tenantUrl } from "./tenant-session";

type Results = { poll: number; status: string; total: number; choices: { id: number; votes: number }[] };

const parse = (data: string) => JSON.parse(data) as Results;
const streamPath = (poll: PollJson) => `/api/polls/${poll.id}/results/stream`;

async function adminPoll(fields: Record<string, unknown> = {}) {
  const token = await login(THOR, "admin", E2E_ADMIN_PASSWORD);
  const poll = await createPollOverApi(THOR, token, ["Yes", "No"], uniqueName("Live", "-"));
  if (Object.keys(fields).length) expect((await api(THOR, "PATCH", `/api/polls/${poll.id}`, { token, json: fields })).status).toBe(200);
  return { token, poll };
}

async function vote(poll: PollJson, choice = 0) {
  const voter = await signUpOverApi(THOR, "live");
  const response = await api(THOR, "POST", `/api/polls/${poll.id}/choices/${poll.choices[choice].id}/vote`, { token: voter.token });
  expect(response.status, response.body).toBe(201);
  return voter;
}

test("a subscriber gets the new results within 1 s of a vote, with an id, and a closed poll's final status", async () => {
  const { token, poll } = await adminPoll();
  const stream = await openStream(THOR, streamPath(poll), { headers: { authorization: `Token ${token}` } });
  try {
    expect(stream.status).toBe(200);
    expect(stream.headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(stream.headers["cache-control"]).toMatch(/no-store/);
    const first = await stream.next((e) => e.event === "results", 5_000);
    expect(parse(first.data)).toMatchObject({ poll: poll.id, total: 0, status: "open" });

    const voter = await signUpOverApi(THOR, "live");
    const sent = Date.now();
    const voted = await api(THOR, "POST", `/api/polls/${poll.id}/choices/${poll.choices[1].id}/vote`, { token: voter.token });
    expect(voted.status).toBe(201);
    const update = await stream.next((e) => e.event === "results" && parse(e.data).total === 1, 1_000);
    expect(Date.now() - sent).toBeLessThan(1_000);
    expect(parse(update.data).choices.map((c) => c.votes)).toEqual([0, 1]);
    expect(Number(update.id)).toBeGreaterThan(Number(first.id));

    // The same JSON as /results.
    const results = await api(THOR, "GET", `/api/polls/${poll.id}/results`, { token });
    expect(parse(update.data)).toEqual(results.json());

    // Closing is a change too: the stream says so.
    expect((await api(THOR, "PATCH", `/api/polls/${poll.id}`, { token, json: { closes_at: "now" } })).status).toBe(200);
    await stream.next((e) => e.event === "results" && parse(e.data).status === "closed", 1_000);
  } finally {
    stream.close();
  }
});

test("a vote on one instance reaches a stream held by another within 2 s", async () => {
  test.setTimeout(90_000);
  const second = await startSecondInstance();
  try {
    const { token, poll } = await adminPoll();
    const stream = await openStream(THOR, streamPath(poll), { headers: { authorization: `Token ${token}` }, port: second.port });
    try {
      await stream.next((e) => e.event === "results", 10_000);
      const voter = await signUpOverApi(THOR, "across");
      const sent = Date.now();
      const voted = await api(THOR, "POST", `/api/polls/${poll.id}/choices/${poll.choices[0].id}/vote`, { token: voter.token });
      expect(voted.status).toBe(201);
      await stream.next((e) => e.event === "results" && parse(e.data).total === 1, 2_000);
      expect(Date.now() - sent).toBeLessThan(2_000);
    } finally {
      stream.close();
    }
  } finally {
    await second.stop();
  }
});

test("a reconnect with Last-Event-ID gets the change it missed, and nothing when there was none", async () => {
  const { token, poll } = await adminPoll();
  const auth = { authorization: `Token ${token}` };
  const first = await openStream(THOR, streamPath(poll), { headers: auth });
  const seen = await first.next((e) => e.event === "results", 5_000);
  first.close();

  await vote(poll); // while disconnected
  const resumed = await openStream(THOR, streamPath(poll), { headers: { ...auth, "last-event-id": seen.id! } });
  try {
    const missed = await resumed.next((e) => e.event === "results", 2_000);
    expect(parse(missed.data).total).toBe(1);
    expect(Number(missed.id)).toBeGreaterThan(Number(seen.id));

    // Reconnecting at the latest id sends no results until the next change, which then arrives.
    const current = await openStream(THOR, streamPath(poll), { headers: { ...auth, "last-event-id": missed.id! } });
    try {
      await vote(poll, 1);
      const next = await current.next((e) => e.event === "results", 2_000);
      expect(parse(next.data).total).toBe(2);
      expect(current.events.filter((e) => e.event === "results")).toHaveLength(1);
    } finally {
      current.close();
    }
  } finally {
    resumed.close();
  }
});

test("results hidden before voting: a 403 results_hidden for the stream and /results until the reader votes", async () => {
  const { poll } = await adminPoll();
  const voter = await signUpOverApi(THOR, "hidden");
  const auth = { authorization: `Token ${voter.token}` };
  const refused = await openStream(THOR, streamPath(poll), { headers: auth });
  expect(refused.status).toBe(403);
  expect(JSON.parse(refused.body).error.code).toBe("results_hidden");
  expectApiError(await api(THOR, "GET", `/api/polls/${poll.id}/results`, { token: voter.token }), 403, "results_hidden");
  const asVoter = (await api(THOR, "GET", `/api/polls/${poll.id}`, { token: voter.token })).json<PollJson>();
  expect(asVoter.choices.map((c) => c.votes)).toEqual([null, null]);

  expect((await api(THOR, "POST", `/api/polls/${poll.id}/choices/${poll.choices[0].id}/vote`, { token: voter.token })).status).toBe(201);
  const allowed = await openStream(THOR, streamPath(poll), { headers: auth });
  try {
    expect(parse((await allowed.next((e) => e.event === "results", 5_000)).data).total).toBe(1);
  } finally {
    allowed.close();
  }
});

test("the API refuses votes before opens_at and after closes_at with 409s", async () => {
  const { poll: early } = await adminPoll({ opens_at: new Date(Date.now() + 3_600_000).toISOString() });
  const { poll: late } = await adminPoll({ closes_at: "now" });
  const voter = await signUpOverApi(THOR, "window");
  const voteOn = (poll: PollJson) => api(THOR, "POST", `/api/polls/${poll.id}/choices/${poll.choices[0].id}/vote`, { token: voter.token });
  expectApiError(await voteOn(early), 409, "poll_not_open");
  expectApiError(await voteOn(late), 409, "poll_closed");
  // A closed poll shows its final results to everyone.
  expect((await api(THOR, "GET", `/api/polls/${late.id}/results`)).json()).toMatchObject({ status: "closed", total: 0 });
  expectApiError(await api(THOR, "PATCH", `/api/polls/${late.id}`, { token: voter.token, json: { closes_at: null } }), 403);
});

test("the API refuses a closing time in the past, and keeps one the poll already has", async () => {
  const { token, poll } = await adminPoll();
  const past = "2001-01-01T00:00:00Z";
  const closedAtBirth = await api(THOR, "POST", "/api/polls", { token, json: { question: uniqueName("Born closed", "-"), choices: ["A", "B"], closes_at: past } });
  expect(expectApiError(closedAtBirth, 400, "validation_failed").fields).toEqual({ closes_at: "Closing time must be in the future" });
  const moved = await api(THOR, "PATCH", `/api/polls/${poll.id}`, { token, json: { closes_at: past } });
  expect(expectApiError(moved, 400, "validation_failed").fields).toEqual({ closes_at: "Closing time must be in the future" });

  const closed = (await api(THOR, "PATCH", `/api/polls/${poll.id}`, { token, json: { closes_at: "now" } })).json<{ status: string; closes_at: string }>();
  expect(closed.status).toBe("closed");
  // A client that sends the poll back as it read it, with a new question, keeps its closing time.
  const renamed = await api(THOR, "PUT", `/api/polls/${poll.id}`, { token, json: { question: "Renamed after closing", closes_at: closed.closes_at } });
  expect(renamed.status).toBe(200);
  expect(renamed.json()).toMatchObject({ question: "Renamed after closing", closes_at: closed.closes_at, status: "closed" });
});

test("the results page updates live, and a vote sent after the poll closed is refused in the form", async ({ browser }) => {
  const { token, poll } = await adminPoll();
  const voter = await signUpOverApi(THOR, "page");
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInContext(context, "thor", voter.username, voter.password);

  // Voting in the page, then watching another vote arrive without a reload.
  await page.goto(tenantUrl("thor", `/polls/${poll.id}`));
  await expect(page.getByTestId("results-hidden")).toBeVisible();
  await page.getByLabel("Yes").check();
  await page.getByRole("button", { name: "Vote" }).click();
  await expect(page.getByTestId("total-votes")).toHaveText("1 vote");
  await expect(page.getByTestId("live-results")).toHaveAttribute("data-live", "on");
  await vote(poll, 1);
  await expect(page.getByTestId("total-votes")).toHaveText("2 votes", { timeout: 2_000 });
  await expect(page.getByTestId("result-row").filter({ hasText: "Yes" })).toContainText("Your vote");
  await expect(page.getByTestId("result-row").filter({ hasText: "No" }).getByTestId("percent")).toHaveText("50%");

  // A form loaded while the poll was open, sent after the admin closed it.
  const { poll: closing } = await adminPoll();
  await page.goto(tenantUrl("thor", `/polls/${closing.id}`));
  await page.getByLabel("No").check();
  const closed = await api(THOR, "PATCH", `/api/polls/${closing.id}`, { token, json: { closes_at: "now" } });
  expect(closed.status).toBe(200);
  await page.getByRole("button", { name: "Vote" }).click();
  await expect(page.getByText("This poll is closed: your vote was not counted.")).toBeVisible();
  await expect(page.getByTestId("poll-status")).toContainText("Closed");
  await expect(page.getByTestId("total-votes")).toHaveText("0 votes");
  await context.close();
});

test("the home page's vote counts and the admin's results update live", async ({ browser }) => {
  const { poll } = await adminPoll();
  const context = await browser.newContext();
  await signInContext(context, "thor", "admin", E2E_ADMIN_PASSWORD);
  const home = await context.newPage();
  await home.goto(tenantUrl("thor", "/"));
  const count = home.locator(`[data-testid="vote-count"][data-poll="${poll.id}"]`);
  await expect(count).toHaveText("0 votes");
  const admin = await context.newPage();
  await admin.goto(tenantUrl("thor", `/admin/polls/${poll.id}`));
  await expect(admin.getByTestId("live-results")).toHaveAttribute("data-live", "on");
  await expect(admin.getByTestId("total-votes")).toHaveText("0 votes");

  await vote(poll);
  await expect(count).toHaveText("1 vote", { timeout: 2_000 });
  await expect(admin.getByTestId("total-votes")).toHaveText("1 vote", { timeout: 2_000 });
  await context.close();
});

test("a reader disabled while watching gets no new counts: the page stops following and the token's stream ends", async ({ browser, accounts, polls }) => {
  const poll = await polls.create(THOR, await login(THOR, "admin", E2E_ADMIN_PASSWORD));
  const voteAs = async (token: string) =>
    expect((await api(THOR, "POST", `/api/polls/${poll.id}/choices/${poll.choices[0].id}/vote`, { token })).status).toBe(201);
  // The results are hidden from those who have not voted: the reader sees them because they voted.
  const reader = await accounts.signUp(THOR, "watcher");
  await voteAs(reader.token);

  const readerContext = await browser.newContext();
  await signInContext(readerContext, "thor", reader.username, reader.password);
  const page = await readerContext.newPage();
  await page.goto(tenantUrl("thor", `/polls/${poll.id}`));
  await expect(page.getByTestId("live-results")).toHaveAttribute("data-live", "on");
  const stream = await openStream(THOR, streamPath(poll), { headers: { authorization: `Token ${reader.token}` } });
  try {
    await stream.next((e) => e.event === "results", 5_000);
    // While the account holds, a vote reaches both.
    await voteAs((await accounts.signUp(THOR, "live")).token);
    await expect(page.getByTestId("total-votes")).toHaveText("2 votes", { timeout: 2_000 });
    await stream.next((e) => e.event === "results" && parse(e.data).total === 2, 2_000);

    const adminContext = await browser.newContext();
    await signInContext(adminContext, "thor", "admin", E2E_ADMIN_PASSWORD);
    const admin = await adminContext.newPage();
    await admin.goto(tenantUrl("thor", `/admin/users?q=${reader.username}`));
    const row = admin.getByTestId(`user-${reader.username}`);
    await row.getByRole("button", { name: `Disable ${reader.username}` }).click();
    await expect(row.getByRole("status")).toContainText(`Disabled ${reader.username}`);
    await adminContext.close();

    await voteAs((await accounts.signUp(THOR, "live")).token);
    await stream.next((e) => e.event === "unauthorized", 2_000);
    await expect(page.getByTestId("live-results")).toHaveAttribute("data-live", "off", { timeout: 2_000 });
    await expect(page.getByTestId("total-votes")).toHaveText("2 votes");
    expect(stream.events.filter((e) => e.event === "results").map((e) => parse(e.data).total)).not.toContain(3);
  } finally {
    stream.close();
    await readerContext.close();
  }
});
