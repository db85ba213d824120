// Lookups shared by the poll routes: ids from the path and who may change a poll.
import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { ApiUser } from "@/lib/api/handler";
import { pathIdSchema } from "@/lib/api/schemas";
import { findPollOwner } from "@/lib/polls/queries";
import type { TenantDb } from "@/lib/tenancy/tenant-db";

/** A path id, or a 404: `/api/polls/abc` names no poll, as an unknown number does not. */
export function pathId(value: string | undefined, what = "poll"): number {
  const parsed = pathIdSchema.safeParse(value);
  if (!parsed.success) throw notFoundError(what);
  return parsed.data;
}

/** The 404 to throw for a missing poll (or `what`); Next's `notFound()` is for pages, not the API. */
export function notFoundError(what = "poll") {
  return new ApiError("not_found", `No such ${what}`);
}

/** The poll exists (else 404) and the user created it or is an admin of this site (else 403). */
export async function requirePollEditor(db: TenantDb, user: ApiUser, pollId: number): Promise<void> {
  const poll = await findPollOwner(db, pollId);
  if (!poll) throw notFoundError();
  if (poll.createdById !== user.id && user.role !== "admin") {
    throw new ApiError("forbidden", "Only the poll's creator or an admin may change it");
  }
}
