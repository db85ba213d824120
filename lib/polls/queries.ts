// Reads of the Polls domain, always through a tenant-bound client (never raw SQL: it would not be
// schema-qualified). Explicit selects keep what leaves the database to what the pages show.
import { pageOffset } from "@/lib/pagination";
import type { TenantDb } from "@/lib/tenancy";

export type Page = { page: number; pageSize: number };
export type PollFilter = { search?: string };

const pollSelect = {
  id: true,
  question: true,
  pubDate: true,
  createdById: true,
  choices: { orderBy: { id: "asc" }, select: { id: true, choiceText: true, _count: { select: { votes: true } } } },
} as const;

export async function listPolls(db: TenantDb, { page, pageSize }: Page, { search }: PollFilter = {}) {
  const where = search ? { question: { contains: search, mode: "insensitive" as const } } : {};
  const [count, rows] = await Promise.all([
    db.poll.count({ where }),
    db.poll.findMany({
      where,
      orderBy: [{ pubDate: "desc" }, { id: "desc" }],
      skip: pageOffset(page, pageSize),
      take: pageSize,
      select: pollSelect,
    }),
  ]);
  return { count, polls: rows.map(withVoteCounts) };
}

export async function findPoll(db: TenantDb, id: number) {
  const row = await db.poll.findUnique({ where: { id }, select: pollSelect });
  return row ? withVoteCounts(row) : null;
}

type PollRow = {
  id: number;
  question: string;
  pubDate: Date;
  createdById: number;
  choices: { id: number; choiceText: string; _count: { votes: number } }[];
};

function withVoteCounts(row: PollRow) {
  const choices = row.choices.map((c) => ({ id: c.id, choiceText: c.choiceText, votes: c._count.votes }));
  return { ...row, choices, totalVotes: choices.reduce((sum, c) => sum + c.votes, 0) };
}

export type PollWithVotes = ReturnType<typeof withVoteCounts>;

/** Who created a poll, or null when there is no such poll: what permission checks need. */
export async function findPollOwner(db: TenantDb, pollId: number) {
  return db.poll.findUnique({ where: { id: pollId }, select: { id: true, createdById: true } });
}
