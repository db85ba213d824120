import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closePools } from "@/lib/db/pools";
import { createUser } from "@/lib/auth/users";
import { createPoll, deletePoll, updatePoll } from "@/lib/polls/mutations";
import { findPoll } from "@/lib/polls/queries";
import { castVote } from "@/lib/polls/votes";
import type { Tenant } from "@/lib/tenancy/registry";
import type { TenantDb } from "@/lib/tenancy/tenant-db";
import { createTestTenant, dropTestTenant } from "@/test/tenants";

describe("poll mutations", () => {
  let tenant: Tenant;
  let db: TenantDb;
  let userId: number;

  beforeAll(async () => {
    ({ tenant, db } = await createTestTenant());
    userId = (await createUser(db, { username: "editor", password: "long enough", role: "admin" })).id;
  });

  afterAll(async () => {
    await dropTestTenant(tenant);
    await closePools();
  });

  it("updatePoll renames, adds and removes choices, keeping the kept choices' votes", async () => {
    const { id } = await createPoll(db, userId, { question: "Q1", choices: ["A", "B", "C"] });
    const [a, b] = (await findPoll(db, id))!.choices;
    expect((await castVote(db, { pollId: id, choiceId: a.id, userId })).ok).toBe(true);

    const result = await updatePoll(db, id, { question: "Q1 edited", choices: [{ id: a.id, text: "A!" }, { id: null, text: "D" }] });
    expect(result).toEqual({ ok: true });
    const poll = (await findPoll(db, id))!;
    expect(poll.question).toBe("Q1 edited");
    expect(poll.choices.map((c) => [c.choiceText, c.votes])).toEqual([["A!", 1], ["D", 0]]);
    expect(poll.choices.some((c) => c.id === b.id)).toBe(false);
  });

  it("updatePoll refuses another poll's choice id and changes nothing", async () => {
    const mine = await createPoll(db, userId, { question: "Mine", choices: ["A", "B"] });
    const other = await createPoll(db, userId, { question: "Other", choices: ["X", "Y"] });
    const foreign = (await findPoll(db, other.id))!.choices[0].id;
    const before = await findPoll(db, mine.id);

    const result = await updatePoll(db, mine.id, { question: "Hijack", choices: [{ id: foreign, text: "X2" }, { id: null, text: "Z" }] });
    expect(result).toEqual({ ok: false, code: "stale_choice" });
    expect(await findPoll(db, mine.id)).toEqual(before);
    expect((await findPoll(db, other.id))!.choices[0].choiceText).toBe("X");
  });

  it("updatePoll and deletePoll report a missing poll", async () => {
    expect(await updatePoll(db, 999_999, { question: "Q", choices: [{ id: null, text: "A" }, { id: null, text: "B" }] })).toEqual({
      ok: false,
      code: "not_found",
    });
    const { id } = await createPoll(db, userId, { question: "Doomed", choices: ["A", "B"] });
    expect(await deletePoll(db, id)).toBe(true);
    expect(await findPoll(db, id)).toBeNull();
    expect(await deletePoll(db, id)).toBe(false);
  });
});
