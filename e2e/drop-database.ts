// Playwright's global teardown when the run used E2E_DATABASE_URL: the scratch database goes. It is
// dropped by `tsx e2e/database.ts drop`, in a process of its own, as it was made: the test harness it
// uses loads the app's modules, which Playwright's own loader does not run.
import { execFileSync } from "node:child_process";

export default function dropDatabase(): void {
  execFileSync(process.execPath, ["--import", "tsx", "e2e/database.ts", "drop"], { stdio: "inherit" });
}
