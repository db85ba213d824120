// Bad input on every body-taking route: a 4xx JSON error, never a 5xx. Also the 405s.
import { test, expect, api, type ApiCall, expectApiError, THOR } from "./fixtures";

type Case = { name: string; call: ApiCall; status: number; code?: string };

const JSON_TYPE = { "content-type": "application/json" };

/** Bad bodies any JSON route must refuse, whatever its fields. */
const COMMON_CASES: Case[] = [
  { name: "not JSON", call: { body: "question=Tea", headers: JSON_TYPE }, status: 400, code: "invalid_json" },
  { name: "truncated JSON", call: { body: '{"question": "Tea', headers: JSON_TYPE }, status: 400, code: "invalid_json" },
  { name: "empty body", call: { body: "", headers: JSON_TYPE }, status: 400, code: "invalid_json" },
  { name: "form content type", call: { body: "question=Tea", headers: { "content-type": "application/x-www-form-urlencoded" } }, status: 415 },
  { name: "text content type", call: { body: '{"question":"Tea"}', headers: { "content-type": "text/plain" } }, status: 415 },
  { name: "no content type", call: { body: '{"question":"Tea"}' }, status: 415 },
  { name: "a JSON array", call: { json: [1, 2] }, status: 400, code: "validation_failed" },
  { name: "a JSON string", call: { json: "question" }, status: 400, code: "validation_failed" },
  { name: "JSON null", call: { json: null }, status: 400, code: "validation_failed" },
  { name: "a __proto__ key", call: { body: '{"__proto__":{"role":"admin"},"question":"Tea?"}', headers: JSON_TYPE }, status: 400 },
  { name: "a nested __proto__ key", call: { body: '{"question":{"__proto__":{"x":1}}}', headers: JSON_TYPE }, status: 400 },
  { name: "a constructor key", call: { body: '{"constructor":{"prototype":{"x":1}}}', headers: JSON_TYPE }, status: 400 },
  { name: "a body over 64 KiB", call: { json: { question: "x".repeat(70 * 1024) } }, status: 413, code: "payload_too_large" },
  {
    name: "a chunked body over 64 KiB (no Content-Length to trust)",
    call: { body: JSON.stringify({ question: "x".repeat(70 * 1024) }), headers: { ...JSON_TYPE, "transfer-encoding": "chunked" } },
    status: 413,
    code: "payload_too_large",
  },
  { name: "deep nesting", call: { body: "[".repeat(20_000) + "]".repeat(20_000), headers: JSON_TYPE }, status: 400 },
  { name: "a NUL character", call: { json: { question: "Tea\u0000?", choice_text: "\u0000", username: "a\u0000b" } }, status: 400 },
];

/** Per-route bodies: wrong types, missing fields, extra fields, huge strings, nested junk. */
const FIELD_CASES: Record<string, Case[]> = {
  "POST /api/users": [
    { name: "missing fields", call: { json: {} }, status: 400, code: "validation_failed" },
    { name: "wrong types", call: { json: { username: 42, password: ["x"], email: false } }, status: 400, code: "validation_failed" },
    { name: "an extra field", call: { json: { username: "extra_user", password: "long enough", is_staff: true } }, status: 400 },
    { name: "a huge username", call: { json: { username: "u".repeat(5000), password: "long enough" } }, status: 400 },
    { name: "nested junk", call: { json: { username: { $gt: "" }, password: { $ne: null } } }, status: 400 },
  ],
  "POST /api/login": [
    { name: "missing password", call: { json: { username: "admin" } }, status: 400, code: "validation_failed" },
    { name: "an operator object", call: { json: { username: "admin", password: { $ne: "" } } }, status: 400 },
    { name: "a huge password", call: { json: { username: "admin", password: "p".repeat(50_000) } }, status: 400 },
  ],
  "POST /api/polls": [
    { name: "missing question", call: { json: { choices: ["a"] } }, status: 400, code: "validation_failed" },
    { name: "blank question", call: { json: { question: "   " } }, status: 400, code: "validation_failed" },
    { name: "wrong types", call: { json: { question: 5, choices: "a,b" } }, status: 400, code: "validation_failed" },
    { name: "an extra field", call: { json: { question: "Tea?", created_by: 1 } }, status: 400, code: "validation_failed" },
    { name: "a huge question", call: { json: { question: "q".repeat(10_000) } }, status: 400, code: "validation_failed" },
    { name: "too many choices", call: { json: { question: "Tea?", choices: Array.from({ length: 21 }, (_, i) => `c${i}`) } }, status: 400 },
    { name: "nested junk in choices", call: { json: { question: "Tea?", choices: [{ choice_text: "a" }, [["b"]], null] } }, status: 400 },
  ],
  "PUT /api/polls/{id}": [
    { name: "missing question", call: { json: {} }, status: 400, code: "validation_failed" },
    { name: "read-only fields", call: { json: { question: "Tea?", id: 1, pub_date: "2020-01-01" } }, status: 400 },
  ],
  "PATCH /api/polls/{id}": [
    { name: "a null question", call: { json: { question: null } }, status: 400, code: "validation_failed" },
    { name: "choices (not patchable)", call: { json: { choices: ["x"] } }, status: 400, code: "validation_failed" },
  ],
  "POST /api/polls/{id}/choices": [
    { name: "missing choice_text", call: { json: {} }, status: 400, code: "validation_failed" },
    { name: "camelCase field", call: { json: { choiceText: "x" } }, status: 400, code: "validation_failed" },
    { name: "a huge choice", call: { json: { choice_text: "c".repeat(1000) } }, status: 400, code: "validation_failed" },
    { name: "an extra field", call: { json: { choice_text: "x", votes: 100 } }, status: 400, code: "validation_failed" },
  ],
  "POST /api/polls/{id}/choices/{choiceId}/vote": [
    { name: "an extra field", call: { json: { voted_by: 1, votes: 10 } }, status: 400, code: "validation_failed" },
  ],
};

/** Routes whose body is optional: an empty body is read as `{}`, whether or not it says it is JSON. */
const OPTIONAL_BODY = new Set(["POST /api/polls/{id}/choices/{choiceId}/vote"]);

test("an optional body may be empty, even sent as application/json; a malformed one is still a 400", async ({ accounts, polls }) => {
  const owner = await accounts.signUp(THOR, "emptybody");
  const poll = await polls.create(THOR, owner.token);
  const path = `/api/polls/${poll.id}/choices/${poll.choices[0].id}/vote`;
  expectApiError(await api(THOR, "POST", path, { token: owner.token, body: "{", headers: JSON_TYPE }), 400, "invalid_json");
  const voted = await api(THOR, "POST", path, { token: owner.token, body: "", headers: JSON_TYPE });
  expect(voted.status, voted.body).toBe(201);
  expect(voted.json()).toMatchObject({ choice: poll.choices[0].id, poll: poll.id, voted_by: owner.id });
});

test("malformed bodies get a 4xx JSON error on every route, never a 5xx", async ({ accounts, polls }) => {
  test.setTimeout(60_000);
  const owner = await accounts.signUp(THOR, "fuzz");
  const poll = await polls.create(THOR, owner.token);
  const routes: Record<string, string> = {
    "POST /api/users": "/api/users",
    "POST /api/login": "/api/login",
    "POST /api/polls": "/api/polls",
    "PUT /api/polls/{id}": `/api/polls/${poll.id}`,
    "PATCH /api/polls/{id}": `/api/polls/${poll.id}`,
    "POST /api/polls/{id}/choices": `/api/polls/${poll.id}/choices`,
    "POST /api/polls/{id}/choices/{choiceId}/vote": `/api/polls/${poll.id}/choices/${poll.choices[0].id}/vote`,
  };

  let checked = 0;
  for (const [route, path] of Object.entries(routes)) {
    const method = route.split(" ")[0];
    // Where the body is optional (the OpenAPI document's `required: false`), an empty one is `{}`: see below.
    const common = OPTIONAL_BODY.has(route) ? COMMON_CASES.filter((c) => c.name !== "empty body") : COMMON_CASES;
    for (const { name, call, status, code } of [...common, ...FIELD_CASES[route]]) {
      const response = await api(THOR, method, path, { ...call, token: owner.token });
      await test.step(`${route}: ${name} → ${status}`, () => {
        expectApiError(response, status, code);
      });
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(100);

  // None of it changed the poll or cast a vote.
  const after = (await api(THOR, "GET", `/api/polls/${poll.id}`, { token: owner.token })).json<{ question: string; choices: { votes: number }[] }>();
  expect(after.question).toBe(poll.question);
  expect(after.choices.every((c) => c.votes === 0)).toBe(true);
});

test("unsupported methods are 405 JSON with an Allow header; OPTIONS and HEAD answer", async ({ accounts, polls }) => {
  const owner = await accounts.signUp(THOR, "methods");
  const poll = await polls.create(THOR, owner.token);
  const cases: [string, string, string][] = [
    ["GET", "/api/users", "POST, OPTIONS"],
    ["DELETE", "/api/login", "POST, OPTIONS"],
    ["PUT", "/api/polls", "GET, HEAD, POST, OPTIONS"],
    ["POST", `/api/polls/${poll.id}`, "GET, HEAD, PUT, PATCH, DELETE, OPTIONS"],
    ["DELETE", `/api/polls/${poll.id}/choices`, "GET, HEAD, POST, OPTIONS"],
    ["GET", `/api/polls/${poll.id}/choices/${poll.choices[0].id}/vote`, "POST, OPTIONS"],
    ["PATCH", `/api/polls/${poll.id}/results`, "GET, HEAD, OPTIONS"],
    ["POST", "/api/openapi.json", "GET, HEAD, OPTIONS"],
  ];
  for (const [method, path, allow] of cases) {
    const response = await api(THOR, method, path, { token: owner.token, json: method === "GET" ? undefined : {} });
    expectApiError(response, 405, "method_not_allowed");
    expect(response.headers.allow).toBe(allow);
  }
  const options = await api(THOR, "OPTIONS", `/api/polls/${poll.id}/choices`);
  expect([options.status, options.headers.allow]).toEqual([204, "GET, HEAD, POST, OPTIONS"]);
  const head = await api(THOR, "HEAD", `/api/polls/${poll.id}`);
  expect([head.status, head.body]).toEqual([200, ""]);
});
