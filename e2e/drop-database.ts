// Playwright's global teardown when the run used E2E_DATABASE_URL: the scratch database goes.
import { dropScratchDatabase } from "./database";

export default dropScratchDatabase;
