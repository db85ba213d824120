// What a page must not do while a test drives it: break its Content-Security-Policy, log an error, or load
// anything from another host. Collected from the first byte (an init script) to the end of the test.
import type { Page } from "@playwright/test";

export type PageHealth = { cspViolations: () => Promise<string[]>; consoleErrors: string[]; foreignRequests: string[] };

export async function watchPage(page: Page, ownHost: string): Promise<PageHealth> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith("http") && url.host !== ownHost) foreignRequests.push(request.url());
  });
  return {
    cspViolations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
    consoleErrors,
    foreignRequests,
  };
}
