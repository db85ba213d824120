// The API's choice edits: the same rule as the admin form, said as a 409 the client must answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorResponse, type ApiError } from "@/lib/api/errors";
import { replaceChoices } from "@/lib/api/polls";
import { patchPollBody } from "@/lib/api/schemas";
import { createUser } from "@/lib/auth/users";
import { closePools } from "@/lib/db/pools";
import { createPoll } from "@/lib/polls/mutations";
import { findPoll } from "@/lib/polls/queries";
import { castVote } from "@/lib/polls/votes";
import type { Tenant } from "@/lib/tenancy/registry";
import type { TenantDb } from "@/lib/tenancy/tenant-db";
import { createTestTenant, dropTestTenant } from "@/test/tenants";

describe("editing a poll's choices through the API", () => {
  let tenant: Tenant;
  let db: TenantDb;
  let userId: number;

  beforeAll(async () => {
    ({ tenant, db } = await createTestTenant());
    userId = (await createUser(db, { username: "odin", password: "long enough", role: "admin" })).id;
  });

  afterAll(async () => {
    await dropTestTenant(tenant);
    await closePools();
  });

  it("answers 409 choice_has_votes naming the choice and its votes, and deletes them only when told to", async () => {
    const { id } = await createPoll(db, userId, { question: "Realm?", choices: ["Asgard", "Vanaheim"] });
    const [asgard, vanaheim] = (await findPoll(db, id))!.choices;
    await castVote(db, { pollId: id, choiceId: vanaheim.id, userId });
    const edit = { choices: [{ id: asgard.id, choice_text: "Asgard" }, { choice_text: "Midgard" }] };

    const refusal = (await replaceChoices(db, id, edit).catch((error: unknown) => error)) as ApiError;
    const response = errorResponse(refusal);
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      error: {
        code: "choice_has_votes",
        message: `Removing 'Vanaheim' deletes its 1 vote. Send "delete_votes": true to remove it anyway.`,
        choices: [{ id: vanaheim.id, choice_text: "Vanaheim", votes: 1 }],
      },
    });
    expect((await findPoll(db, id))!.totalVotes).toBe(1);

    await replaceChoices(db, id, { ...edit, delete_votes: true });
    expect((await findPoll(db, id))!.choices.map((c) => [c.choiceText, c.votes])).toEqual([["Asgard", 0], ["Midgard", 0]]);
  });

  it("refuses repeated choice texts in a body, naming the repeat", () => {
    const parsed = patchPollBody.safeParse({ choices: [{ choice_text: "Yes" }, { choice_text: "yes " }] });
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["choices.1.choice_text", "Same as choice 1: each choice must differ (ignoring case)"]]);
  });
});
