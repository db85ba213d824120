// Live results: a committed change reaches subscribers through PostgreSQL NOTIFY on the server's one
// LISTEN connection; a rolled-back one sends nothing; and a vote waiting behind a close is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { closePools } from "@/lib/db/pools";
import { beginPollChange, closePollNow, reopenPoll } from "@/lib/polls/lifecycle";
import { watchPollResults } from "@/lib/polls/live";
import { createPoll, deletePoll } from "@/lib/polls/mutations";
import { findPoll } from "@/lib/polls/queries";
import type { PollResults } from "@/lib/polls/results";
import { castVote } from "@/lib/polls/votes";
import type { Tenant } from "@/lib/tenancy/registry";
import { listenerCount } from "@/lib/tenancy/server-listener";
import { readDatabaseClock } from "@/lib/tenancy/tenant-events";
import type { TenantDb } from "@/lib/tenancy/tenant-db";
import { createTestTenant, dropTestTenant, useTestTenant } from "@/test/tenants";

/** Records what a watcher hears, and waits for the first event that passes a test. */
function recorder(tenant: Tenant, pollId: number) {
  const heard: (PollResults | null)[] = [];
  const waiters: { test: (r: PollResults | null) => boolean; resolve: (r: PollResults | null) => void }[] = [];
  const watch = watchPollResults(tenant, pollId, (results) => {
    heard.push(results);
    for (const w of waiters.filter((w) => w.test(results))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(results);
    }
  });
  const next = (test: (r: PollResults | null) => boolean, within: number) =>
    new Promise<PollResults | null>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`nothing matching within ${within} ms; heard ${JSON.stringify(heard)}`)), within);
      waiters.push({ test, resolve: (r) => (clearTimeout(timer), resolve(r)) });
    });
  // A fresh LISTEN connection makes every watcher re-read once (changes may have been missed): let
  // that settle, so the test counts only what its own changes send.
  const ready = watch.ready.then(() => new Promise((resolve) => setTimeout(resolve, 250))).then(() => void heard.splice(0));
  return { heard, next, ready, stop: watch.stop };
}

describe("live results", () => {
  let tenant: Tenant;
  let other: Tenant;
  let db: TenantDb;
  let otherDb: TenantDb;
  const voters: number[] = [];

  beforeAll(async () => {
    ({ tenant, db } = await createTestTenant());
    ({ tenant: other, db: otherDb } = await createTestTenant());
    for (const name of ["ann", "bob", "cat"]) voters.push((await createUser(db, { username: name, password: "correct horse" })).id);
  });

  afterAll(async () => {
    await dropTestTenant(tenant);
    await dropTestTenant(other);
    await closePools();
  });

  async function newPoll(database = db, userId = voters[0]) {
    const { id } = await createPoll(database, userId, { question: "Live?", choices: ["Yes", "No"] });
    return (await findPoll(database, id))!;
  }

  it("hears a committed vote within a second, with the new counts and a greater version", async () => {
    const poll = await newPoll();
    const watcher = recorder(tenant, poll.id);
    await watcher.ready;
    const started = Date.now();
    expect((await castVote(db, { pollId: poll.id, choiceId: poll.choices[0].id, userId: voters[1] })).ok).toBe(true);
    const results = await watcher.next((r) => r?.total === 1, 1_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(results?.choices.map((c) => c.votes)).toEqual([1, 0]);
    expect(results!.version).toBeGreaterThan(poll.resultsVersion);
    watcher.stop();
  });

  it("sends nothing for a rolled-back change, and one event for the change after it", async () => {
    const poll = await newPoll();
    const watcher = recorder(tenant, poll.id);
    await watcher.ready;
    await expect(
      db.$transaction(async (tx) => {
        await beginPollChange(tx, poll.id);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await castVote(db, { pollId: poll.id, choiceId: poll.choices[1].id, userId: voters[1] });
    await watcher.next((r) => r?.total === 1, 1_000);
    await new Promise((resolve) => setTimeout(resolve, 300)); // past the coalescing window
    expect(watcher.heard).toHaveLength(1);
    watcher.stop();
  });

  it("keeps tenants apart: the same poll id in another tenant is another topic", async () => {
    const mine = await newPoll();
    const otherUser = await createUser(otherDb, { username: "zed", password: "correct horse" });
    let theirs = await newPoll(otherDb, otherUser.id);
    while (theirs.id < mine.id) theirs = await newPoll(otherDb, otherUser.id);
    const watcher = recorder(tenant, theirs.id);
    await watcher.ready;
    const stranger = (await findPoll(otherDb, theirs.id))!;
    await castVote(otherDb, { pollId: theirs.id, choiceId: stranger.choices[0].id, userId: otherUser.id });
    const mineAtThatId = await findPoll(db, theirs.id);
    await new Promise((resolve) => setTimeout(resolve, 400));
    // The watcher follows this tenant's poll with that id (or none): the other tenant's vote is not heard.
    expect(watcher.heard).toEqual([]);
    expect(mineAtThatId?.totalVotes ?? 0).toBe(0);
    watcher.stop();
  });

  it("coalesces a burst into at most one event per 100 ms, the last with every vote", async () => {
    const poll = await newPoll();
    const watcher = recorder(tenant, poll.id);
    await watcher.ready;
    await Promise.all(voters.map((userId) => castVote(db, { pollId: poll.id, choiceId: poll.choices[0].id, userId })));
    await watcher.next((r) => r?.total === 3, 2_000);
    expect(watcher.heard.length).toBeLessThanOrEqual(3);
    watcher.stop();
  });

  it("tells watchers when the poll is deleted", async () => {
    const poll = await newPoll();
    const watcher = recorder(tenant, poll.id);
    await watcher.ready;
    expect(await deletePoll(db, poll.id)).toBe(true);
    expect(await watcher.next((r) => r === null, 1_000)).toBeNull();
    watcher.stop();
  });

  it("holds one listening connection for any number of tenants and watchers", async () => {
    const polls = [await newPoll(), await newPoll(), await newPoll()];
    const watchers = polls.flatMap((p) => [recorder(tenant, p.id), recorder(other, p.id)]);
    await Promise.all(watchers.map((w) => w.ready));
    expect(listenerCount()).toBe(1);
    for (const w of watchers) w.stop();
  });
});

describe("the voting window", () => {
  const ctx = useTestTenant([{ username: "ann" }, { username: "bob" }, { username: "cat" }]);

  async function pollWith(window: { opensAt?: Date | null; closesAt?: Date | null }) {
    const { id } = await createPoll(ctx.db, ctx.userId.ann, { question: "When?", choices: ["Now", "Later"], ...window });
    return (await findPoll(ctx.db, id))!;
  }

  it("refuses a vote before opensAt and from closesAt on, by the database's clock", async () => {
    const now = await ctx.db.$transaction((tx) => readDatabaseClock(tx));
    const early = await pollWith({ opensAt: new Date(now.getTime() + 60_000) });
    expect(await castVote(ctx.db, { pollId: early.id, choiceId: early.choices[0].id, userId: ctx.userId.bob })).toEqual({ ok: false, code: "not_open" });
    const late = await pollWith({});
    // Straight to the table: a closing time in the past cannot be set through createPoll or an edit.
    await ctx.db.poll.update({ where: { id: late.id }, data: { closesAt: new Date(now.getTime() - 1) }, select: { id: true } });
    expect(await castVote(ctx.db, { pollId: late.id, choiceId: late.choices[0].id, userId: ctx.userId.bob })).toEqual({ ok: false, code: "closed" });
    const open = await pollWith({ opensAt: new Date(now.getTime() - 60_000), closesAt: new Date(now.getTime() + 60_000) });
    expect((await castVote(ctx.db, { pollId: open.id, choiceId: open.choices[0].id, userId: ctx.userId.bob })).ok).toBe(true);
    expect(await ctx.db.vote.count({ where: { pollId: { in: [early.id, late.id] } } })).toBe(0);
  });

  it("refuses a vote issued at the same instant as a close: it waits for the close and reads the clock after it", async () => {
    const poll = await pollWith({});
    let releaseClose!: () => void;
    const closeMayCommit = new Promise<void>((resolve) => (releaseClose = resolve));
    let closeHoldsLock!: () => void;
    const lockTaken = new Promise<void>((resolve) => (closeHoldsLock = resolve));
    // A close (as closePollNow does it: the lock, then the clock) that holds the lock a while…
    const close = ctx.db.$transaction(async (tx) => {
      await beginPollChange(tx, poll.id);
      closeHoldsLock();
      await closeMayCommit;
      const now = await readDatabaseClock(tx);
      await tx.poll.update({ where: { id: poll.id }, data: { closesAt: now }, select: { id: true } });
    });
    await lockTaken;
    // …while a vote is issued: it must wait for the close and read the clock after it, so it is refused
    // (a vote that read the clock before waiting would carry a time before the close and be counted).
    const vote = castVote(ctx.db, { pollId: poll.id, choiceId: poll.choices[0].id, userId: ctx.userId.bob });
    await new Promise((resolve) => setTimeout(resolve, 200));
    releaseClose();
    await close;
    expect(await vote).toEqual({ ok: false, code: "closed" });
    expect(await ctx.db.vote.count({ where: { pollId: poll.id } })).toBe(0);
  });

  it("closes now and reopens", async () => {
    const poll = await pollWith({});
    expect(await closePollNow(ctx.db, poll.id)).toBe(true);
    expect(await castVote(ctx.db, { pollId: poll.id, choiceId: poll.choices[0].id, userId: ctx.userId.cat })).toEqual({ ok: false, code: "closed" });
    expect(await reopenPoll(ctx.db, poll.id)).toBe(true);
    expect((await castVote(ctx.db, { pollId: poll.id, choiceId: poll.choices[0].id, userId: ctx.userId.cat })).ok).toBe(true);
    expect(await closePollNow(ctx.db, 999_999)).toBe(false);
  });
});
