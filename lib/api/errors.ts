// One error type for the JSON API, one status per code, one JSON shape: `{ error: { code, message, fields?, choices? } }`.
// Expected failures are thrown as ApiError; Prisma's "not found" and "unique" become 404 and 409; zod
// failures become 400 with per-field messages; a database server that cannot be reached is a 503 with
// Retry-After; anything else is a logged 500 that shows none of its cause.
import { z } from "zod";
import { RETRY_AFTER_SECONDS } from "@/lib/db/availability";
import { isDatabaseUnreachable, isWriteFenced } from "@/lib/db/errors";
import { MAINTENANCE_RETRY_AFTER_SECONDS } from "@/lib/tenancy";
import { Prisma } from "@/lib/generated/tenant/client";
import { ClosingTimeInPastError } from "@/lib/polls/lifecycle";

export const API_ERROR_STATUS = {
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 400,
  invalid_credentials: 400,
  unauthorized: 401,
  forbidden: 403,
  results_hidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  duplicate_choice: 409,
  choice_has_votes: 409,
  poll_not_open: 409,
  poll_closed: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
  maintenance: 503,
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;
export type FieldErrors = Record<string, string>;
/** What a 409 choice_has_votes names: each choice the request would remove, with the votes it would delete. */
export type ChoicesWithVotes = { id: number; choice_text: string; votes: number }[];

export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    readonly headers?: Record<string, string>,
    readonly choices?: ChoicesWithVotes,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = API_ERROR_STATUS[code];
  }
}

/** A 400 naming each offending field; unknown fields are named as such. */
export function validationError(error: z.ZodError): ApiError {
  const fields: FieldErrors = {};
  const general: string[] = [];
  for (const issue of error.issues) {
    const prefix = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) fields[prefix ? `${prefix}.${key}` : key] ??= "Unknown field";
    } else if (prefix) {
      fields[prefix] ??= issue.message;
    } else {
      general.push(issue.message);
    }
  }
  const message = general[0] ?? "Some fields are invalid";
  return new ApiError("validation_failed", message, Object.keys(fields).length ? fields : undefined);
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof z.ZodError) return validationError(error);
  // Found under the poll's lock, by the database's clock, after the body's own validation (decision 033).
  if (error instanceof ClosingTimeInPastError) return new ApiError("validation_failed", "Some fields are invalid", { closes_at: error.message });
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2025") return new ApiError("not_found", "Not found");
    if (error.code === "P2002") return new ApiError("conflict", "That already exists");
    // A foreign key that points nowhere: the poll or choice was deleted while the request ran.
    if (error.code === "P2003") return new ApiError("not_found", "Not found");
  }
  // The tenant's tables were fenced (a move's final catch-up) before this instance heard of its maintenance.
  if (isWriteFenced(error)) return maintenanceError("This site is down for maintenance; try again shortly");
  if (isDatabaseUnreachable(error)) {
    return new ApiError("unavailable", "The service is temporarily unavailable; try again shortly", undefined, {
      "Retry-After": String(RETRY_AFTER_SECONDS),
    });
  }
  console.error("[api] unexpected error", error);
  return new ApiError("internal_error", "Something went wrong");
}

/** A 503 for a tenant in maintenance mode: reads and writes alike wait. */
export function maintenanceError(message: string): ApiError {
  return new ApiError("maintenance", message, undefined, { "Retry-After": String(MAINTENANCE_RETRY_AFTER_SECONDS) });
}

/** Whether an error is Prisma's report of a given code (P2002: unique violation, P2025: not found...). */
export function isPrismaError(error: unknown, code: string): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === code;
}

export function errorResponse(error: unknown): Response {
  const { code, message, fields, status, headers, choices } = toApiError(error);
  return Response.json({ error: { code, message, ...(fields && { fields }), ...(choices && { choices }) } }, { status, headers });
}
