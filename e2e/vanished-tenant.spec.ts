// A tenant deleted behind the app's back — straight in the database, with no notification, which is what
// an instance behind PgBouncer without a direct LISTEN sees — is a 404 on its pages and its API at once,
// while the app's cache still holds it: never a 500 until the entry expires.
import pg from "pg";
import { appDatabaseEnv } from "./database";
import { request } from "./http";
import { test, expect } from "./fixtures";

async function deleteWithoutNotifying(slug: string): Promise<void> {
  const client = new pg.Client({ connectionString: appDatabaseEnv().DIRECT_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA "${slug}" CASCADE`);
    await client.query(`DELETE FROM public."Tenant" WHERE slug = $1`, [slug]);
  } finally {
    await client.end();
  }
}

test("pages and API of a tenant deleted without a notification answer 404 at once", async ({ freshTenant }) => {
  test.setTimeout(60_000);
  const { slug, host } = freshTenant;
  // Served, and now in the app's tenant cache for the next 5 s.
  expect((await request(host, "/")).status).toBe(200);
  expect((await request(host, "/api/polls")).status).toBe(200);

  await deleteWithoutNotifying(slug);

  const page = await request(host, "/");
  expect(page.status).toBe(404);
  expect(page.body).not.toContain("Something went wrong");
  const api = await request(host, "/api/polls");
  expect(api.status).toBe(404);
  expect(api.json()).toEqual({ error: { code: "not_found", message: "No such site" } });
  // The cache has forgotten it: the next requests are plain unknown-tenant 404s.
  expect((await request(host, "/polls")).status).toBe(404);
  expect((await request(host, "/api/polls")).status).toBe(404);
});
