// Makes sure Playwright has a Chromium to drive: the system's if there is one, else Playwright's own
// build, downloaded once with `playwright install chromium` (needs internet, not a Debian package).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";
import { systemChromium } from "../e2e/browser";

const system = systemChromium();
if (system) {
  console.log(`[browser] using ${system}`);
} else if (existsSync(chromium.executablePath())) {
  console.log(`[browser] using Playwright's Chromium at ${chromium.executablePath()}`);
} else {
  console.log("[browser] no Chromium found: installing Playwright's (npx playwright install chromium)");
  execFileSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit" });
}
