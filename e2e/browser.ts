// Which Chromium Playwright drives: CHROMIUM_PATH, else the system's Chromium, else Playwright's own
// (which `npm run test:e2e` installs first when neither is present; see scripts/ensure-browser.ts).
import { existsSync } from "node:fs";

const SYSTEM_CHROMIUMS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

export function systemChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  return SYSTEM_CHROMIUMS.find((candidate) => existsSync(candidate));
}

/** Flags that keep Chromium quiet on a closed network (no update checks, sync or QUIC). */
export const CHROMIUM_ARGS = [
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-gpu",
  "--disable-quic",
];
