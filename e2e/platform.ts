// Platform admin helpers for e2e: the seeded admin and signing in on the root domain. A new tenant's slug
// is uniqueName("z", ""): a plain DNS label that sorts after the demo tenants in the admin table.
import { expect, type Page } from "@playwright/test";
import { E2E_ADMIN_PASSWORD } from "./fixtures";
import { E2E_PORT } from "./http";

export const PLATFORM_ORIGIN = `http://localhost:${E2E_PORT}`;
export const PLATFORM_ADMIN = { username: "admin", password: E2E_ADMIN_PASSWORD }; // playwright.config.ts seeds it

export function tenantOriginOf(slug: string, port = E2E_PORT): string {
  return `http://${slug}.localhost:${port}`;
}

export async function signInPlatformAdmin(page: Page): Promise<void> {
  await page.goto(`${PLATFORM_ORIGIN}/admin/login`);
  await page.getByLabel("Username", { exact: true }).fill(PLATFORM_ADMIN.username);
  await page.getByLabel("Password", { exact: true }).fill(PLATFORM_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${PLATFORM_ORIGIN}/admin`);
  await expect(page.getByRole("heading", { name: "Tenants", level: 1 })).toBeVisible();
}

/** Fills and submits the create form and waits for the server's answer; the caller checks the outcome. */
export async function submitCreateTenant(page: Page, fields: { name: string; slug: string; domain?: string }): Promise<void> {
  await page.getByLabel("Name", { exact: true }).fill(fields.name);
  await page.getByLabel("Slug", { exact: true }).fill(fields.slug);
  await page.getByLabel("Custom domain (optional)").fill(fields.domain ?? "");
  await submitAndSettle(page, "Create tenant");
}

/**
 * Clicks a form's submit button and waits until the server action's answer is rendered: the button stays
 * disabled from the moment the action is sent until then. Typing into the form before that would race
 * React's reset of the form when the action completes.
 */
export async function submitAndSettle(page: Page, button: string): Promise<void> {
  const path = new URL(page.url()).pathname;
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === path);
  await page.getByRole("button", { name: button }).click();
  await answered;
  await expect(page.getByRole("button", { name: button })).toBeEnabled();
}
