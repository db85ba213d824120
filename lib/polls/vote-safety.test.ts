// Editing a poll never deletes votes the editor was not shown: removing a choice that has votes is
// refused with each such choice and its count, until the edit comes back confirming what was seen.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { closePools } from "@/lib/db/pools";
import { createPoll, updatePoll } from "@/lib/polls/mutations";
import { findPoll } from "@/lib/polls/queries";
import { castVote, findUserVote } from "@/lib/polls/votes";
import type { Tenant } from "@/lib/tenancy/registry";
import type { TenantDb } from "@/lib/tenancy/tenant-db";
import { createTestTenant, dropTestTenant } from "@/test/tenants";

describe("removing choices that have votes", () => {
  let tenant: Tenant;
  let db: TenantDb;
  const voters: number[] = [];

  beforeAll(async () => {
    ({ tenant, db } = await createTestTenant());
    for (const name of ["ann", "bob", "cat", "dan"]) voters.push((await createUser(db, { username: name, password: "correct horse" })).id);
  });

  afterAll(async () => {
    await dropTestTenant(tenant);
    await closePools();
  });

  /** A poll Asgard / Vanaheim / Midgard with three votes for Vanaheim. */
  async function realmsPoll() {
    const { id } = await createPoll(db, voters[0], { question: "Best realm?", choices: ["Asgard", "Vanaheim", "Midgard"] });
    const [asgard, vanaheim, midgard] = (await findPoll(db, id))!.choices;
    for (const userId of voters.slice(0, 3)) expect((await castVote(db, { pollId: id, choiceId: vanaheim.id, userId })).ok).toBe(true);
    const withoutVanaheim = { question: "Best realm?", choices: [asgard, midgard].map((c) => ({ id: c.id, text: c.choiceText })) };
    return { id, vanaheim, withoutVanaheim };
  }

  it("refuses the edit, naming the choice and its votes, and changes nothing", async () => {
    const { id, vanaheim, withoutVanaheim } = await realmsPoll();
    const before = await findPoll(db, id);

    const result = await updatePoll(db, id, { ...withoutVanaheim, question: "Renamed?" });
    expect(result).toEqual({ ok: false, code: "choice_has_votes", choices: [{ id: vanaheim.id, text: "Vanaheim", votes: 3 }] });
    expect(await findPoll(db, id)).toEqual(before);
  });

  it("removes the choice and its votes once confirmed, and its voters can vote again", async () => {
    const { id, vanaheim, withoutVanaheim } = await realmsPoll();

    expect(await updatePoll(db, id, withoutVanaheim, new Map([[vanaheim.id, 3]]))).toEqual({ ok: true });
    const poll = (await findPoll(db, id))!;
    expect(poll.choices.map((c) => c.choiceText)).toEqual(["Asgard", "Midgard"]);
    expect(poll.totalVotes).toBe(0);
    expect(await findUserVote(db, id, voters[0])).toBeNull();
    expect((await castVote(db, { pollId: id, choiceId: poll.choices[0].id, userId: voters[0] })).ok).toBe(true);
  });

  it("asks again when votes arrived after the confirmation, deleting none of them", async () => {
    const { id, vanaheim, withoutVanaheim } = await realmsPoll();
    expect((await castVote(db, { pollId: id, choiceId: vanaheim.id, userId: voters[3] })).ok).toBe(true);

    const result = await updatePoll(db, id, withoutVanaheim, new Map([[vanaheim.id, 3]]));
    expect(result).toEqual({ ok: false, code: "choice_has_votes", choices: [{ id: vanaheim.id, text: "Vanaheim", votes: 4 }] });
    expect((await findPoll(db, id))!.choices.find((c) => c.id === vanaheim.id)?.votes).toBe(4);
  });

  it("removes a choice nobody voted for without asking", async () => {
    const { id } = await realmsPoll();
    const [asgard, vanaheim] = (await findPoll(db, id))!.choices;
    expect(await updatePoll(db, id, { choices: [vanaheim, asgard].map((c) => ({ id: c.id, text: c.choiceText })) })).toEqual({ ok: true });
    expect((await findPoll(db, id))!.choices.map((c) => [c.choiceText, c.votes])).toEqual([["Asgard", 0], ["Vanaheim", 3]]);
  });

  it("a choice can never be deleted with its votes behind the edit's back", async () => {
    const { id, vanaheim } = await realmsPoll();
    await expect(db.choice.delete({ where: { id: vanaheim.id }, select: { id: true } })).rejects.toMatchObject({ code: "P2003" });
    expect(await db.vote.count({ where: { pollId: id } })).toBe(3);
  });

  it("deleting the whole poll still takes its choices and votes", async () => {
    const { id } = await realmsPoll();
    await db.poll.delete({ where: { id }, select: { id: true } });
    expect(await db.vote.count({ where: { pollId: id } })).toBe(0);
    expect(await db.choice.count({ where: { pollId: id } })).toBe(0);
  });
});
