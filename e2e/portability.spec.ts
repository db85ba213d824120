// The portable tenant, end to end on the production build: maintenance mode (CLI and platform admin),
// seen by a second instance within a second; an export imported as a new tenant that works in the
// browser; the platform admin's Export download and maintenance switch for platform admins only.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { runCli } from "../test/cli";
import { callFormAction, serverActionId } from "./actions";
import { api, createPollOverApi, SESSION_COOKIE, signIn, signUpOverApi, uniqueName, type ApiUser } from "./fixtures";
import { E2E_PORT, hostOf, request } from "./http";
import { startSecondInstance, type AppInstance } from "./instances";
import { PLATFORM_ADMIN, signInPlatformAdmin } from "./platform";
import { fillLogIn, tenantUrl } from "./tenant-session";

const cliEnv = { DATA_DIR: `.data/e2e-${E2E_PORT}`, DATABASE_URL: "" };
const tenants = (...args: string[]) => runCli("tenants", args, cliEnv);
const ROOT = hostOf("localhost");
const PROPAGATION_LIMIT_MS = 1_000;

// Each test makes its own tenant with a few CLI runs (seconds each on a busy machine).
test.describe.configure({ timeout: 120_000 });

/** A tenant of this test's own, with an admin, a voter and a poll. */
async function makeTenant(): Promise<{ slug: string; host: string; voter: ApiUser; pollId: number; choiceId: number }> {
  const slug = uniqueName("z", "");
  const created = await tenants("create", slug, "--name", `Realm ${slug}`);
  expect(created.code, created.stderr).toBe(0);
  const admin = await tenants("exec", slug, "--", "createsuperuser", "--username", "owner", "--password", "owner-password-1");
  expect(admin.code, admin.stderr).toBe(0);
  const host = hostOf(`${slug}.localhost`);
  const owner = await signInToken(host, "owner", "owner-password-1");
  const poll = await createPollOverApi(host, owner, ["Asgard", "Midgard"], "Where to?");
  return { slug, host, voter: await signUpOverApi(host, "voter"), pollId: poll.id, choiceId: poll.choices[0].id };
}

async function signInToken(host: string, username: string, password: string): Promise<string> {
  const response = await api(host, "POST", "/api/login", { json: { username, password } });
  expect(response.status, response.body).toBe(200);
  return response.json<{ token: string }>().token;
}

function statusOn(port: number, host: string, pathname = "/"): Promise<number> {
  return request(`${host}:${port}`, pathname, { port }).then((r) => r.status);
}

async function msUntil(port: number, host: string, status: number, since: number): Promise<number> {
  for (;;) {
    const sentMs = performance.now() - since;
    const seen = await statusOn(port, host);
    if (seen === status) return sentMs;
    if (sentMs > 10_000) throw new Error(`${host} never answered ${status} on port ${port} (last: ${seen})`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test.describe("maintenance mode", () => {
  let second: AppInstance;
  test.beforeAll(async () => {
    test.setTimeout(90_000);
    second = await startSecondInstance();
  });
  test.afterAll(async () => {
    await second?.stop();
  });

  test("pages 503 with Retry-After, API 503 JSON, writes refused, other tenants untouched, a second instance told within 1 s", async () => {
    const t = await makeTenant();
    expect(await statusOn(second.port, `${t.slug}.localhost`)).toBe(200); // cached as up on the second instance

    const down = await tenants("down", t.slug, "--message", "Upgrading the bifrost, back at noon.");
    expect(down.code, down.stderr).toBe(0);
    const since = performance.now();
    const seenMs = await msUntil(second.port, `${t.slug}.localhost`, 503, since);
    expect(seenMs, `the second instance served the tenant for ${seenMs.toFixed(0)} ms after it went down`).toBeLessThan(PROPAGATION_LIMIT_MS);

    const page = await request(t.host, "/");
    expect(page.status).toBe(503);
    expect(page.headers["retry-after"]).toBe("30");
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    expect(page.body).toContain("Upgrading the bifrost, back at noon.");

    const list = await api(t.host, "GET", "/api/polls");
    expect(list.status).toBe(503);
    expect(list.headers["retry-after"]).toBe("30");
    expect(list.json()).toEqual({ error: { code: "maintenance", message: "Upgrading the bifrost, back at noon." } });
    const vote = await api(t.host, "POST", `/api/polls/${t.pollId}/choices/${t.choiceId}/vote`, { token: t.voter.token });
    expect(vote.status).toBe(503);
    // A page form (a server action) posted while down is refused before any of it runs.
    const posted = await request(t.host, "/login", { method: "POST", headers: { origin: `http://${t.host}`, "content-type": "application/x-www-form-urlencoded" }, body: "username=owner" });
    expect(posted.status).toBe(503);

    // Other tenants, the platform, /healthz and /readyz are untouched.
    expect((await request(hostOf("thor.localhost"), "/")).status).toBe(200);
    expect((await api(hostOf("thor.localhost"), "GET", "/api/polls")).status).toBe(200);
    expect((await request(ROOT, "/")).status).toBe(200);
    expect((await request(t.host, "/healthz")).status).toBe(200);
    expect((await request(t.host, "/readyz")).status).toBe(200);

    const up = await tenants("up", t.slug);
    expect(up.code, up.stderr).toBe(0);
    const upMs = await msUntil(second.port, `${t.slug}.localhost`, 200, performance.now());
    expect(upMs).toBeLessThan(PROPAGATION_LIMIT_MS);
    const again = await api(t.host, "POST", `/api/polls/${t.pollId}/choices/${t.choiceId}/vote`, { token: t.voter.token });
    expect(again.status, again.body).toBe(201);
  });

  test("the platform admin's switch takes a tenant down and brings it back", async ({ page }) => {
    const t = await makeTenant();
    await signInPlatformAdmin(page);
    const row = page.locator(`tr[data-slug="${t.slug}"]`);
    await row.getByRole("button", { name: `Maintenance ${t.slug}`, exact: true }).click();
    await expect(row.getByText("Maintenance", { exact: true })).toBeVisible();
    expect((await request(t.host, "/")).status).toBe(503);
    await row.getByRole("button", { name: `End maintenance ${t.slug}`, exact: true }).click();
    await expect(row.getByRole("button", { name: `Maintenance ${t.slug}`, exact: true })).toBeVisible();
    expect((await request(t.host, "/")).status).toBe(200);
  });
});

test.describe("export and import", () => {
  let dir: string;
  test.beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "polls-e2e-export-"));
  });
  test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("an imported tenant works in the browser: a copied user signs in and votes", async ({ page }) => {
    const t = await makeTenant();
    const file = path.join(dir, `${t.slug}.polls-export`);
    const exported = await tenants("export", t.slug, "--out", file);
    expect(exported.code, exported.stderr).toBe(0);
    const copy = uniqueName("z", "");
    const imported = await tenants("import", file, copy);
    expect(imported.code, imported.stderr).toBe(0);

    await page.goto(tenantUrl(copy, "/login"));
    await fillLogIn(page, t.voter.username, t.voter.password);
    await expect(page.getByTestId("signed-in-user")).toHaveText(`Signed in as ${t.voter.username}`);
    await page.goto(tenantUrl(copy, `/polls/${t.pollId}`));
    await page.getByLabel("Midgard").check();
    await page.getByRole("button", { name: "Vote" }).click();
    await expect(page.getByRole("status")).toContainText("You voted for Midgard");

    // The copy is its own: the vote is not on the source.
    const source = await api(t.host, "GET", `/api/polls/${t.pollId}/results`);
    expect(JSON.stringify(source.json())).not.toContain('"votes":1');
  });

  test("the Export download and the maintenance switch answer platform admins only", async ({ page }) => {
    const t = await makeTenant();
    const exportPath = `/admin/tenants/${t.slug}/export`;
    const platformCookie = `${SESSION_COOKIE}=${(await signIn(ROOT, PLATFORM_ADMIN.username, PLATFORM_ADMIN.password)).token}`;
    const tenantCookie = `${SESSION_COOKIE}=${(await signIn(t.host, "owner", "owner-password-1")).token}`;

    expect((await request(ROOT, exportPath)).status).toBe(403);
    expect((await request(ROOT, exportPath, { headers: { cookie: tenantCookie } })).status).toBe(403);
    expect((await request(t.host, exportPath, { headers: { cookie: platformCookie } })).status).not.toBe(200);

    const switchAction = serverActionId("app/site/admin/(console)/maintenance-actions.ts", "setMaintenanceAction");
    const fields = { slug: t.slug, maintenance: "on" };
    for (const attempt of [
      { host: ROOT, path: "/admin", cookie: "" },
      { host: ROOT, path: "/admin", cookie: tenantCookie },
      { host: t.host, path: "/", cookie: platformCookie },
    ]) {
      await callFormAction(attempt.host, attempt.path, switchAction, fields, { cookie: attempt.cookie, leading: [] });
      expect((await request(t.host, "/")).status, `${attempt.host} ${attempt.cookie ? "with a cookie" : "anonymous"}`).toBe(200);
    }
    // The same call as a platform admin does switch: the refusals above are real.
    await callFormAction(ROOT, "/admin", switchAction, fields, { cookie: platformCookie, leading: [] });
    expect((await request(t.host, "/")).status).toBe(503);
    await callFormAction(ROOT, "/admin", switchAction, { ...fields, maintenance: "off" }, { cookie: platformCookie, leading: [] });

    // The download, as a platform admin in the browser: a gzip file named for the tenant.
    await signInPlatformAdmin(page);
    const downloading = page.waitForEvent("download");
    await page.locator(`tr[data-slug="${t.slug}"]`).getByRole("link", { name: `Export ${t.slug}` }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${t.slug}-\\d{4}-\\d{2}-\\d{2}\\.polls-export$`));
    const saved = path.join(dir, "downloaded.polls-export");
    await download.saveAs(saved);
    const imported = await tenants("import", saved, uniqueName("z", ""));
    expect(imported.code, imported.stderr).toBe(0);
  });
});
