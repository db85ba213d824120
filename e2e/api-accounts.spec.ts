// The JSON API's accounts and authentication: sign-up, login tokens (DRF's `Token` scheme and
// Bearer), per-tenant tokens, and the browser session with its Origin check.
import { test, expect, api, E2E_ADMIN_PASSWORD, expectApiError, login, POTTER, signIn, THOR, uniqueName } from "./fixtures";

test.describe("POST /api/users", () => {
  test("signs up a voter and refuses a taken username with 409", async () => {
    const username = uniqueName("ann");
    const created = await api(THOR, "POST", "/api/users", { json: { username, email: "ann@example.com", password: "long enough" } });
    expect(created.status, created.body).toBe(201);
    const user = created.json<{ id: number; username: string; email: string }>();
    expect(user).toEqual({ id: expect.any(Number), username, email: "ann@example.com" });
    expect(created.body).not.toMatch(/password/i);

    const again = await api(THOR, "POST", "/api/users", { json: { username, password: "another one" } });
    expect(expectApiError(again, 409, "conflict").fields).toEqual({ username: expect.any(String) });

    // The same name is free on another tenant: its users are its own.
    const onPotter = await api(POTTER, "POST", "/api/users", { json: { username, password: "long enough" } });
    expect(onPotter.status, onPotter.body).toBe(201);
  });

  test("cannot make an admin: role is not a field of the body", async () => {
    const response = await api(THOR, "POST", "/api/users", { json: { username: uniqueName("eve"), password: "long enough", role: "admin" } });
    expect(expectApiError(response, 400, "validation_failed").fields).toEqual({ role: "Unknown field" });
  });

  test("names invalid fields", async () => {
    const response = await api(THOR, "POST", "/api/users", { json: { username: "a b", email: "nope", password: "short" } });
    const error = expectApiError(response, 400, "validation_failed");
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(["email", "password", "username"]);
  });
});

test.describe("POST /api/login", () => {
  test("returns a new token for good credentials and a 400 for bad ones", async ({ accounts }) => {
    const user = await accounts.signUp(THOR, "lee");
    const token = await login(THOR, user.username, user.password);
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(token).not.toBe(user.token);

    const wrong = await api(THOR, "POST", "/api/login", { json: { username: user.username, password: "wrong password" } });
    expectApiError(wrong, 400, "invalid_credentials");
    const unknown = await api(THOR, "POST", "/api/login", { json: { username: uniqueName("nobody"), password: "whatever1" } });
    expectApiError(unknown, 400, "invalid_credentials");
    // A thor user does not exist on potter.
    const elsewhere = await api(POTTER, "POST", "/api/login", { json: { username: user.username, password: user.password } });
    expectApiError(elsewhere, 400, "invalid_credentials");
  });
});

test.describe("token authentication", () => {
  test("accepts `Token <key>` and `Bearer <key>`; a bad or foreign key is a 401 even where auth is optional", async ({ accounts }) => {
    const user = await accounts.signUp(THOR, "tok");
    const question = uniqueName("Token question");
    for (const authorization of [`Token ${user.token}`, `Bearer ${user.token}`]) {
      const response = await api(THOR, "POST", "/api/polls", { headers: { authorization }, json: { question: `${question} ${authorization[0]}` } });
      expect(response.status, response.body).toBe(201);
      expect(response.json<{ created_by: number }>().created_by).toBe(user.id);
    }

    const anonymous = await api(THOR, "POST", "/api/polls", { json: { question } });
    expectApiError(anonymous, 401, "unauthorized");
    expect(anonymous.headers["www-authenticate"]).toMatch(/^Token/);

    for (const authorization of ["Token nonsense-but-long-enough-to-look-real", `Basic ${user.token}`, "Token", `Token ${user.token}x`]) {
      expectApiError(await api(THOR, "GET", "/api/polls", { headers: { authorization } }), 401, "unauthorized");
    }
  });

  test("thor's token on potter is a 401: tokens belong to one tenant", async () => {
    const thorAdmin = await login(THOR, "admin", E2E_ADMIN_PASSWORD);
    expect((await api(THOR, "GET", "/api/polls", { token: thorAdmin })).status).toBe(200);
    expectApiError(await api(POTTER, "GET", "/api/polls", { token: thorAdmin }), 401, "unauthorized");
    expectApiError(await api(POTTER, "POST", "/api/polls", { token: thorAdmin, json: { question: "From thor?" } }), 401, "unauthorized");
  });
});

test.describe("session authentication", () => {
  test("a signed-in browser may call the API; mutations need this site's Origin", async ({ accounts }) => {
    const user = await accounts.signUp(THOR, "web");
    const cookie = (await signIn(THOR, user.username, user.password)).cookie;
    const question = uniqueName("Session question");

    const sameOrigin = await api(THOR, "POST", "/api/polls", { headers: { cookie, origin: `http://${THOR}` }, json: { question } });
    expect(sameOrigin.status, sameOrigin.body).toBe(201);
    const poll = sameOrigin.json<{ id: number; created_by: number }>();
    expect(poll.created_by).toBe(user.id);

    const foreign = await api(THOR, "POST", "/api/polls", { headers: { cookie, origin: `http://${POTTER}` }, json: { question } });
    expectApiError(foreign, 403, "forbidden");
    const noOrigin = await api(THOR, "DELETE", `/api/polls/${poll.id}`, { headers: { cookie } });
    expectApiError(noOrigin, 403, "forbidden");
    const evil = await api(THOR, "DELETE", `/api/polls/${poll.id}`, { headers: { cookie, origin: "http://thor.localhost.evil.example" } });
    expectApiError(evil, 403, "forbidden");

    // Reads need no Origin, and the poll survived the refused delete.
    expect((await api(THOR, "GET", `/api/polls/${poll.id}`, { headers: { cookie } })).status).toBe(200);
    const deleted = await api(THOR, "DELETE", `/api/polls/${poll.id}`, { headers: { cookie, origin: `http://${THOR}` } });
    expect(deleted.status, deleted.body).toBe(204);
  });

  test("thor's session cookie means nothing on potter", async () => {
    const cookie = (await signIn(THOR, "admin", E2E_ADMIN_PASSWORD)).cookie;
    const response = await api(POTTER, "POST", "/api/polls", { headers: { cookie, origin: `http://${POTTER}` }, json: { question: "Leak?" } });
    expectApiError(response, 401, "unauthorized");
  });
});
