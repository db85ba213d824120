// The tenants CLI against the running app: the CLI finds `npm start`'s embedded PostgreSQL through its
// data folder, a tenant it creates is served on its host at once, and a deleted tenant's host is 404.
import { runCli } from "../test/cli";
import { E2E_PORT, hostOf, request } from "./http";
import { test, expect, SESSION_COOKIE, sessionUserOn, signIn } from "./fixtures";

// Same data folder as the web server in playwright.config.ts, and no DATABASE_URL: the running cluster is found.
const cliEnv = { DATA_DIR: `.data/e2e-${E2E_PORT}`, DATABASE_URL: "" };
const tenants = (...args: string[]) => runCli("tenants", args, cliEnv);

test("create with the CLI, browse the new host, delete it and the host is 404", async ({ page }) => {
  const slug = `cli${Date.now().toString(36)}`;
  const origin = `http://${slug}.localhost:${E2E_PORT}`;

  // The app now caches "no such tenant" for this host (for up to 5 s)...
  expect((await request(hostOf(`${slug}.localhost`), "/")).status).toBe(404);
  const created = await tenants("create", slug, "--name", "Made By CLI");
  expect(created.code, created.stderr).toBe(0);
  // ...and the CLI's NOTIFY, sent before it exits, has cleared that entry: the very next request is served.
  expect((await request(hostOf(`${slug}.localhost`), "/")).status).toBe(200);
  expect((await tenants("exec", slug, "--", "createsuperuser", "--username", "owner", "--password", "correct horse")).code).toBe(0);
  expect((await tenants("exec", slug, "--", "seed")).stdout).toContain("seeded 2 polls");

  await page.goto(`${origin}/`);
  await expect(page.getByRole("link", { name: "Made By CLI Polls" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "What's up?" })).toBeVisible();

  const refused = await tenants("delete", slug);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain("--force");
  expect((await request(hostOf(`${slug}.localhost`), "/")).status).toBe(200);

  const deleted = await tenants("delete", slug, "--force");
  expect(deleted.code, deleted.stderr).toBe(0);
  // Another process made the change, and told the app before exiting: the very next request is a 404.
  expect((await request(hostOf(`${slug}.localhost`), "/")).status).toBe(404);
  const response = await page.goto(`${origin}/`);
  expect(response?.status()).toBe(404);
});

test("a session from a deleted tenant is no session on a new tenant that reuses its slug", async () => {
  test.setTimeout(60_000); // five CLI processes, each a node start and a database round trip
  const slug = `reuse${Date.now().toString(36)}`;
  const host = hostOf(`${slug}.localhost`);
  const createWithOwner = async (password: string) => {
    expect((await tenants("create", slug)).code).toBe(0);
    expect((await tenants("exec", slug, "--", "createsuperuser", "--username", "owner", "--password", password)).code).toBe(0);
    await expect.poll(async () => (await request(host, "/")).status, { timeout: 15_000 }).toBe(200);
  };

  await createWithOwner("first owner's password");
  const oldSession = (await signIn(host, "owner", "first owner's password")).token;
  expect(await sessionUserOn(host, oldSession)).toMatchObject({ name: "owner" });

  expect((await tenants("delete", slug, "--force")).code).toBe(0);
  await createWithOwner("second owner's password");

  // Same host, same slug, a user with the same id and name: still another tenant, so the old cookie is nothing.
  expect(await sessionUserOn(host, oldSession)).toBeUndefined();
  const admin = await request(host, "/admin", { headers: { cookie: `${SESSION_COOKIE}=${oldSession}` } });
  expect(admin.status).toBe(307);
  expect(admin.headers.location).toMatch(/^\/login/);
  expect(await sessionUserOn(host, (await signIn(host, "owner", "second owner's password")).token)).toMatchObject({ name: "owner" });
  expect((await tenants("delete", slug, "--force")).code).toBe(0);
});
