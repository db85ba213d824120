// The results stream re-establishes its reader before every change it sends: an account disabled, demoted
// or signed out everywhere, or a token revoked, while the stream is open stops receiving what it may no
// longer read, and a reader who lost nothing keeps receiving the counts.
import type { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInContext, type ApiCredentials } from "@/lib/api/handler";
import { resultsStream, type StreamReader } from "@/lib/api/results-stream";
import { createApiToken } from "@/lib/auth/tokens";
import { changeUserRole, createUser, setUserDisabled } from "@/lib/auth/users";
import { closePools } from "@/lib/db/pools";
import { createPoll } from "@/lib/polls/mutations";
import { findPoll } from "@/lib/polls/queries";
import { castVote } from "@/lib/polls/votes";
import type { TenantContext } from "@/lib/tenancy/next";
import { createTestTenant, dropTestTenant } from "@/test/tenants";

type Event = { event: string; id?: string; data: string };

/** A stream's events as they arrive, whether it has ended, and ways to wait for either. */
function follow(response: Response) {
  const events: Event[] = [];
  const waiters = new Set<() => void>();
  let ended = false;
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: Event = { event: "message", data: "" };
        for (const line of block.split("\n")) {
          const [field, ...rest] = line.split(": ");
          if (field === "event") event.event = rest.join(": ");
          if (field === "id") event.id = rest.join(": ");
          if (field === "data") event.data = rest.join(": ");
        }
        if (event.data) events.push(event);
      }
      waiters.forEach((w) => w());
    }
    ended = true;
    waiters.forEach((w) => w());
  })();
  const until = (test: () => boolean, within: number, what: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!test()) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`${what} not within ${within} ms; got ${JSON.stringify(events)}${ended ? " (ended)" : ""}`));
      }, within);
      waiters.add(check);
      check();
    });
  const totals = () => events.filter((e) => e.event === "results").map((e) => (JSON.parse(e.data) as { total: number }).total);
  return {
    events,
    totals,
    ended: () => ended,
    /** Waits for the first results event. */
    first: (within = 5_000) => until(() => totals().length > 0, within, "the first results"),
    /** Waits for a results event with this total. */
    total: (total: number, within = 2_000) => until(() => totals().includes(total), within, `total ${total}`),
    /** Waits for the stream to end. */
    end: (within = 2_000) => until(() => ended, within, "the end of the stream"),
    cancel: () => reader.cancel().catch(() => {}),
  };
}

describe("the results stream's reader, re-established on every change", () => {
  let ctx: TenantContext;
  let adminId: number;
  const streams: { cancel: () => Promise<void> }[] = [];

  beforeAll(async () => {
    const { tenant, db } = await createTestTenant();
    ctx = { tenant, db, host: `${tenant.slug}.localhost` };
    adminId = (await createUser(db, { username: "boss", password: "correct horse", role: "admin" })).id;
  });

  afterAll(async () => {
    for (const s of streams) await s.cancel();
    await dropTestTenant(ctx.tenant);
    await closePools();
  });

  let names = 0;
  async function newUser(role: "admin" | "voter" = "voter") {
    const user = await createUser(ctx.db, { username: `user${++names}`, password: "correct horse", role });
    return { ...user, role };
  }

  /** A poll by the admin; its results hidden from anyone who has not voted unless `resultsBeforeVoting`. */
  async function newPoll(resultsBeforeVoting = false) {
    const { id } = await createPoll(ctx.db, adminId, { question: "Still there?", choices: ["Yes", "No"], resultsBeforeVoting });
    return (await findPoll(ctx.db, id))!;
  }

  async function vote(poll: { id: number; choices: { id: number }[] }) {
    const voter = await newUser();
    expect((await castVote(ctx.db, { pollId: poll.id, choiceId: poll.choices[0].id, userId: voter.id })).ok).toBe(true);
  }

  /** Opens the stream for a browser session's claims, as the request's authentication would have found them. */
  async function openAsSession(pollId: number, user: { id: number; username: string; role: "admin" | "voter" }, exp: number | null = null) {
    const { sessionVersion } = await ctx.db.user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionVersion: true } });
    const credentials: ApiCredentials = { via: "session", claims: { userId: user.id, sv: sessionVersion, exp } };
    const reader: StreamReader = { user: { id: user.id, username: user.username, role: user.role, via: "session" }, credentials };
    return open(await resultsStream(new Request(`http://${ctx.host}/api/polls/${pollId}/results/stream`), ctx, reader, pollId));
  }

  /** Opens the stream with an API token, through the API's own authentication. */
  async function openWithToken(pollId: number, key: string) {
    const request = new Request(`http://${ctx.host}/api/polls/${pollId}/results/stream`, { headers: { authorization: `Token ${key}` } });
    const response = await runInContext(request as unknown as NextRequest, {}, Promise.resolve(ctx), { auth: "optional" }, ({ request, ctx, user, credentials }) =>
      resultsStream(request, ctx, { user, credentials }, pollId),
    );
    expect(response.status).toBe(200);
    return open(response);
  }

  async function open(response: Response) {
    const stream = follow(response);
    streams.push(stream);
    await stream.first();
    return stream;
  }

  /** The stream ended with `event`, and never sent the counts of the vote cast after the reader lost access. */
  async function expectEndedWith(stream: ReturnType<typeof follow>, event: string, unsentTotal: number) {
    await stream.end();
    expect(stream.events.at(-1)?.event).toBe(event);
    expect(stream.totals()).not.toContain(unsentTotal);
  }

  it("a voter whose account is disabled gets no more counts: the stream ends with `hidden`", async () => {
    const poll = await newPoll();
    const reader = await newUser();
    await castVote(ctx.db, { pollId: poll.id, choiceId: poll.choices[1].id, userId: reader.id });
    const stream = await openAsSession(poll.id, reader);
    await stream.total(1);
    await vote(poll);
    await stream.total(2);

    expect((await setUserDisabled(ctx.db, adminId, reader.id, true)).ok).toBe(true);
    await vote(poll);
    await expectEndedWith(stream, "hidden", 3);
  });

  it("a session signed out everywhere (its version raised) gets no more counts", async () => {
    const poll = await newPoll();
    const reader = await newUser();
    await castVote(ctx.db, { pollId: poll.id, choiceId: poll.choices[1].id, userId: reader.id });
    const stream = await openAsSession(poll.id, reader);
    await vote(poll);
    await stream.total(2);

    await ctx.db.user.update({ where: { id: reader.id }, data: { sessionVersion: { increment: 1 } }, select: { id: true } });
    await vote(poll);
    await expectEndedWith(stream, "hidden", 3);
  });

  it("a session whose token expires while the stream is open gets no more counts", async () => {
    const poll = await newPoll();
    const reader = await newUser("admin");
    const stream = await openAsSession(poll.id, reader, Math.ceil(Date.now() / 1000) + 1);
    await vote(poll);
    await stream.total(1);

    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await vote(poll);
    await expectEndedWith(stream, "hidden", 2);
  });

  it("an admin demoted while watching a poll they did not vote in gets no more counts", async () => {
    const poll = await newPoll();
    const reader = await newUser("admin");
    const stream = await openAsSession(poll.id, reader);
    await vote(poll);
    await stream.total(1);

    expect(await changeUserRole(ctx.db, reader.id, "voter")).toEqual({ ok: true });
    await vote(poll);
    await expectEndedWith(stream, "hidden", 2);
  });

  it("a revoked token ends the stream with `unauthorized`, even where anyone may see the results", async () => {
    const poll = await newPoll(true);
    const reader = await newUser();
    const key = await createApiToken(ctx.db, reader.id);
    const stream = await openWithToken(poll.id, key);
    await vote(poll);
    await stream.total(1);

    await ctx.db.apiToken.deleteMany({ where: { userId: reader.id } });
    await vote(poll);
    await expectEndedWith(stream, "unauthorized", 2);
  });

  it("a token whose account is disabled ends the stream with `unauthorized`", async () => {
    const poll = await newPoll();
    const reader = await newUser();
    await castVote(ctx.db, { pollId: poll.id, choiceId: poll.choices[1].id, userId: reader.id });
    const stream = await openWithToken(poll.id, await createApiToken(ctx.db, reader.id));
    await stream.total(1);

    expect((await setUserDisabled(ctx.db, adminId, reader.id, true)).ok).toBe(true);
    await vote(poll);
    await expectEndedWith(stream, "unauthorized", 2);
  });

  it("a disabled session's reader keeps a poll's results that anyone may see, as an anonymous reader would", async () => {
    const poll = await newPoll(true);
    const reader = await newUser();
    const stream = await openAsSession(poll.id, reader);

    expect((await setUserDisabled(ctx.db, adminId, reader.id, true)).ok).toBe(true);
    await vote(poll);
    await stream.total(1);
    expect(stream.ended()).toBe(false);
  });
});
