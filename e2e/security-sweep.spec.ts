// The security sweep: every way one tenant's credentials, ids or paths could reach another tenant, in
// one table, plus what only shows across requests: a cold server warmed by two tenants at once, shared
// caches, the API login throttle and the benchmark's baseline route being off. Deeper tests of single
// paths live beside their feature: auth-tenants (cookies, callbackUrl, the sign-in form's throttle),
// api-accounts (tokens, Origin), polls-voting (forged vote forms), platform-admin (platform sessions and
// server actions on the wrong host), tenancy (hosts, paths, forged headers), security-headers.
import { streamFor } from "./event-stream";
import { hostOf, request, type HttpResponse } from "./http";
import { startSecondInstance } from "./instances";
import { test, expect, api, createPollOverApi, E2E_ADMIN_PASSWORD, login, type PollJson, POTTER, SESSION_COOKIE, signIn, signUpOverApi, THOR, uniqueName } from "./fixtures";

const ROOT = hostOf("localhost");

type Fixture = {
  thorToken: string;
  thorCookie: string;
  thorVoter: string;
  thorPoll: PollJson;
  potterPoll: PollJson;
};

async function fixture(): Promise<Fixture> {
  const thorToken = await login(THOR, "admin", E2E_ADMIN_PASSWORD);
  const potterToken = await login(POTTER, "admin", E2E_ADMIN_PASSWORD);
  return {
    thorToken,
    thorCookie: `${SESSION_COOKIE}=${(await signIn(THOR, "admin", E2E_ADMIN_PASSWORD)).token}`,
    thorVoter: (await signUpOverApi(THOR, "sweep")).token,
    thorPoll: await createPollOverApi(THOR, thorToken, [uniqueName("ThorChoice"), uniqueName("ThorChoice")], uniqueName("ThorSweep")),
    potterPoll: await createPollOverApi(POTTER, potterToken, [uniqueName("PotterChoice"), uniqueName("PotterChoice")], uniqueName("PotterSweep")),
  };
}

type Case = {
  name: string;
  send: (f: Fixture) => Promise<HttpResponse>;
  /** What the response must be; every case also checks that no foreign poll text is in it. */
  status: number | RegExp;
  /** The tenant whose data must not appear. */
  foreign: "thor" | "potter";
};

/** How long a results stream is read for what it sends: its first event comes at once. */
const STREAM_MS = 1_000;

const CASES: Case[] = [
  { name: "thor's token reading potter's API", foreign: "potter", status: 401, send: (f) => api(POTTER, "GET", `/api/polls/${f.potterPoll.id}`, { token: f.thorToken }) },
  { name: "thor's token creating a poll on potter", foreign: "potter", status: 401, send: (f) => api(POTTER, "POST", "/api/polls", { token: f.thorToken, json: { question: "x" } }) },
  {
    name: "thor's session cookie posting to potter's API (with potter's Origin)",
    foreign: "potter",
    status: 401,
    send: (f) => api(POTTER, "POST", "/api/polls", { json: { question: "x" }, headers: { cookie: f.thorCookie, origin: `http://${POTTER}` } }),
  },
  { name: "thor's session cookie on potter's admin page", foreign: "potter", status: 307, send: (f) => request(POTTER, "/admin", { headers: { cookie: f.thorCookie } }) },
  {
    name: "thor's session cookie from a foreign Origin (CSRF)",
    foreign: "potter",
    status: 403,
    send: (f) => api(THOR, "POST", "/api/polls", { json: { question: "x" }, headers: { cookie: f.thorCookie, origin: `http://${POTTER}` } }),
  },
  { name: "potter's poll id on thor's API", foreign: "potter", status: /^(200|404)$/, send: (f) => api(THOR, "GET", `/api/polls/${f.potterPoll.id}`) },
  { name: "potter's poll id on thor's results", foreign: "potter", status: /^(200|403|404)$/, send: (f) => api(THOR, "GET", `/api/polls/${f.potterPoll.id}/results`) },
 {
    name: "potter's poll id on thor's results stream",
    foreign: "potter",
    status: /^(200|403|404)$/,
    send: (f) => streamFor(THOR, `/api/polls/${f.potterPoll.id}/results/stream`, STREAM_MS, { authorization: `Token ${f.thorToken}` }),
  },
  {
    name: "thor's poll id on potter's results stream",
    foreign: "thor",
    status: /^(200|403|404)$/,
    send: (f) => streamFor(POTTER, `/api/polls/${f.thorPoll.id}/results/stream`, STREAM_MS),
  },
  {
    name: "thor's token streaming potter's results",
    foreign: "potter",
    status: 401,
    send: (f) => streamFor(POTTER, `/api/polls/${f.potterPoll.id}/results/stream`, STREAM_MS, { authorization: `Token ${f.thorToken}` }),
  },
  {
    name: "thor's token on potter's host streaming thor's poll id",
    foreign: "thor",
    status: 401,
    send: (f) => streamFor(POTTER, `/api/polls/${f.thorPoll.id}/results/stream`, STREAM_MS, { authorization: `Token ${f.thorToken}` }),
  },
  {
    name: "thor's session cookie on potter's host streaming thor's poll id",
    foreign: "thor",
    status: /^(200|403|404)$/,
    send: (f) => streamFor(POTTER, `/api/polls/${f.thorPoll.id}/results/stream`, STREAM_MS, { cookie: f.thorCookie }),
  },
  { name: "potter's poll id on thor's poll page", foreign: "potter", status: /^(200|404)$/, send: (f) => request(THOR, `/polls/${f.potterPoll.id}`) },
  {
    name: "a vote on thor's poll naming potter's choice",
    foreign: "potter",
    status: 404,
    send: (f) => api(THOR, "POST", `/api/polls/${f.thorPoll.id}/choices/${foreignChoice(f)}/vote`, { token: f.thorVoter }),
  },
  { name: "thor's poll read through potter's host", foreign: "thor", status: /^(200|404)$/, send: (f) => api(POTTER, "GET", `/api/polls/${f.thorPoll.id}`) },
  { name: "/thor/api/polls on the root domain", foreign: "thor", status: 404, send: (f) => request(ROOT, `/thor/api/polls/${f.thorPoll.id}`) },
  { name: "/thor/polls/:id on the root domain", foreign: "thor", status: 404, send: (f) => request(ROOT, `/thor/polls/${f.thorPoll.id}`) },
  { name: "/potter/api/polls on thor's host", foreign: "potter", status: 404, send: (f) => request(THOR, `/potter/api/polls/${f.potterPoll.id}`) },
  {
    name: "the tenant header forged on the root domain",
    foreign: "thor",
    status: 404,
    send: (f) => request(ROOT, `/api/polls/${f.thorPoll.id}`, { headers: { "x-tenant-slug": "thor", "x-routed-host": THOR } }),
  },
  {
    name: "potter's poll id on thor's API, with potter's host in X-Forwarded-Host",
    foreign: "potter",
    status: /^(200|404)$/,
    send: (f) => api(THOR, "GET", `/api/polls/${f.potterPoll.id}`, { headers: { "x-forwarded-host": POTTER } }),
  },
  { name: "the API on the root domain", foreign: "thor", status: 404, send: () => request(ROOT, "/api/polls") },
  { name: "the API on a host that names no tenant", foreign: "thor", status: 404, send: () => request(hostOf("nobody.example"), "/api/polls") },
  { name: "the benchmark baseline route (off without BENCH_BASELINE_SCHEMA)", foreign: "thor", status: 404, send: () => request(ROOT, "/bench-baseline") },
  {
    name: "the benchmark baseline route with a forged tenant header",
    foreign: "thor",
    status: 404,
    send: () => request(THOR, "/bench-baseline", { headers: { "x-tenant-slug": "thor" } }),
  },
  { name: "the benchmark baseline poll page (off without BENCH_BASELINE_SCHEMA)", foreign: "thor", status: 404, send: (f) => request(THOR, `/bench-baseline/polls/${f.thorPoll.id}`) },
  { name: "the benchmark's proxied baseline page (off without BENCH_BASELINE_SCHEMA)", foreign: "thor", status: 404, send: (f) => request(ROOT, `/bench-proxied/polls/${f.thorPoll.id}`) },
];

/** One of potter's choices whose id is no choice of thor's poll (ids are per schema, so they can coincide). */
function foreignChoice(f: Fixture): number {
  const thorChoices = new Set(f.thorPoll.choices.map((c) => c.id));
  const choice = f.potterPoll.choices.find((c) => !thorChoices.has(c.id));
  if (!choice) throw new Error("every potter choice id is also one of thor's poll's choices");
  return choice.id;
}

function textsOf(poll: PollJson): string[] {
  return [poll.question, ...poll.choices.map((c) => c.choice_text)];
}

test("cross-tenant sweep: one tenant's credentials, ids and paths get nothing of another's", async () => {
  const f = await fixture();
  // Positive controls: each tenant's own host does serve the texts the cases look for.
  expect((await api(POTTER, "GET", `/api/polls/${f.potterPoll.id}`)).body).toContain(f.potterPoll.question);
  expect((await request(THOR, `/polls/${f.thorPoll.id}`)).body).toContain(f.thorPoll.question);

  for (const c of CASES) {
    const response = await c.send(f);
    const status = String(response.status);
    if (typeof c.status === "number") expect(response.status, `${c.name}: ${response.body.slice(0, 200)}`).toBe(c.status);
    else expect(status, c.name).toMatch(c.status);
    for (const text of textsOf(c.foreign === "thor" ? f.thorPoll : f.potterPoll)) {
      expect(response.body, `${c.name} leaked "${text}"`).not.toContain(text);
    }
  }
  // The refused vote was not counted anywhere (results read as thor's admin: they are hidden before voting).
  const results = await api(THOR, "GET", `/api/polls/${f.thorPoll.id}/results`, { token: f.thorToken });
  expect(results.body).toMatch(/"votes":0/);
  expect(results.body).not.toMatch(/"votes":[1-9]/);
});

test("API login is throttled per tenant, client address and username, like the sign-in form", async ({ accounts }) => {
  const user = await accounts.signUp(THOR, "throttle");
  const from = (ip: string) => ({ "x-forwarded-for": ip });
  const ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
  const attempt = (host: string, password: string, address = ip) =>
    api(host, "POST", "/api/login", { json: { username: user.username, password }, headers: from(address) });

  for (let i = 0; i < 10; i++) expect((await attempt(THOR, "wrong-password")).status).toBe(400);
  const locked = await attempt(THOR, "wrong-password");
  expect(locked.status, locked.body).toBe(429);
  expect(locked.json<{ error: { code: string } }>().error.code).toBe("rate_limited");
  expect(Number(locked.headers["retry-after"])).toBeGreaterThan(800);
  // Locked out even with the right password, from this address, on this tenant…
  expect((await attempt(THOR, user.password)).status).toBe(429);
  // …but not from another address, nor for the same username on another tenant.
  expect((await attempt(THOR, user.password, "203.0.113.9")).status).toBe(200);
  expect((await attempt(POTTER, "wrong-password")).status).toBe(400);
});

test("no tenant response may be kept by a shared cache", async ({ polls }) => {
  const token = await login(THOR, "admin", E2E_ADMIN_PASSWORD);
  const poll = await polls.create(THOR, token);
  const paths = ["/", "/polls", `/polls/${poll.id}`, "/login", "/signup", "/api/docs", "/polls/999999999", "/no-such-page"];
  const apiPaths = ["/api/polls", `/api/polls/${poll.id}`, `/api/polls/${poll.id}/results`, "/api/polls/999999999", "/api/openapi.json"];
  for (const path of [...paths, ...apiPaths]) {
    for (const headers of [{}, { authorization: `Token ${token}` }] as Record<string, string>[]) {
      const response = await request(THOR, path, { headers });
      const cacheControl = String(response.headers["cache-control"] ?? "");
      const vary = String(response.headers.vary ?? "");
      expect(cacheControl, `${path} cache-control`).not.toMatch(/s-maxage/);
      if (/public/.test(cacheControl)) expect(vary, `${path} is public without Vary: Host`).toMatch(/host/i);
      expect(cacheControl, `${path} cache-control`).toMatch(/private|no-store|no-cache/);
    }
  }
});

test("a cold server warmed by thor and potter at once answers each exactly as one at a time", async ({ polls }) => {
  test.setTimeout(90_000);
  const thorToken = await login(THOR, "admin", E2E_ADMIN_PASSWORD);
  const potterToken = await login(POTTER, "admin", E2E_ADMIN_PASSWORD);
  const made = { [THOR]: await polls.create(THOR, thorToken), [POTTER]: await polls.create(POTTER, potterToken) };
  // Only resources no other test changes meanwhile, so the two servers must agree byte for byte.
  const pathsOf = (host: string) => [
    `/polls/${made[host].id}`,
    `/api/polls/${made[host].id}`,
    `/api/polls/${made[host].id}/results`,
    "/api/openapi.json",
    "/login",
    "/signup",
  ];
  const requests = [THOR, POTTER].flatMap((host) => pathsOf(host).map((path) => ({ host, path })));
  // A page is compared by its rendered <main> (the RSC payload after it streams its rows in any order);
  // JSON byte for byte.
  const normalise = (response: HttpResponse) => {
    if (!/html/.test(String(response.headers["content-type"]))) return response.body;
    const main = /<main[\s\S]*<\/main>/.exec(response.body)?.[0];
    expect(main, "a rendered <main>").toBeTruthy();
    return main;
  };

  const cold = await startSecondInstance();
  try {
    const concurrent = await Promise.all(
      [1, 2, 3].flatMap(() => requests.map(async (r) => ({ ...r, response: await request(r.host, r.path, { port: cold.port }) }))),
    );
    for (const { host, path, response } of concurrent) {
      const alone = await request(host, path);
      expect(response.status, `${host}${path}`).toBe(alone.status);
      expect(normalise(response), `${host}${path}`).toBe(normalise(alone));
      const other = host === THOR ? made[POTTER] : made[THOR];
      expect(response.body, `${host}${path}`).not.toContain(other.question);
    }
  } finally {
    await cold.stop();
  }
});
