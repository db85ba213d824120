import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { API_ERROR_STATUS, ApiError, errorResponse, toApiError, validationError, type ApiErrorCode } from "@/lib/api/errors";
import { Prisma } from "@/lib/generated/tenant/client";
import { ClosingTimeInPastError } from "@/lib/polls/lifecycle";

function prismaError(code: string) {
  return new Prisma.PrismaClientKnownRequestError("boom", { code, clientVersion: "test" });
}

describe("API errors", () => {
  // Written out rather than read from the map, so a code that changes status (or a new one) must be
  // decided here too.
  const expectedStatus: Record<ApiErrorCode, number> = {
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
  };

  it.each(Object.keys(API_ERROR_STATUS) as ApiErrorCode[])("answers %s with its status and the JSON shape", async (code) => {
    const response = errorResponse(new ApiError(code, `message for ${code}`, undefined, { "x-extra": "1" }));
    expect(response.status).toBe(expectedStatus[code]);
    expect(response.headers.get("x-extra")).toBe("1");
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ error: { code, message: `message for ${code}` } });
  });

  it("has a status for exactly the codes above", () => {
    expect(Object.keys(API_ERROR_STATUS).sort()).toEqual(Object.keys(expectedStatus).sort());
  });

  it("adds the field errors to the JSON shape when there are some", async () => {
    const response = errorResponse(new ApiError("validation_failed", "Some fields are invalid", { question: "Required" }));
    expect(await response.json()).toEqual({ error: { code: "validation_failed", message: "Some fields are invalid", fields: { question: "Required" } } });
  });

  it("names each invalid and unknown field of a zod failure", async () => {
    const schema = z.strictObject({ question: z.string().min(1, "Required"), choices: z.array(z.string()) });
    const result = schema.safeParse({ question: "", choices: ["a", 3], extra: 1 });
    const error = validationError(result.error!);
    expect(error.status).toBe(400);
    expect(error.fields).toEqual({ question: "Required", "choices.1": expect.any(String), extra: "Unknown field" });
    const notAnObject = validationError(schema.safeParse([1]).error!);
    expect(notAnObject.fields).toBeUndefined();
    expect(notAnObject.message).toMatch(/object/i);
  });

  it("names closes_at in a 400 when the closing time set is in the past", async () => {
    expect(await errorResponse(new ClosingTimeInPastError()).json()).toEqual({
      error: { code: "validation_failed", message: "Some fields are invalid", fields: { closes_at: "Closing time must be in the future" } },
    });
    expect(toApiError(new ClosingTimeInPastError()).status).toBe(400);
  });

  it("turns Prisma's not-found into 404, unique violations into 409, dangling references into 404", () => {
    expect(toApiError(prismaError("P2025")).status).toBe(404);
    expect(toApiError(prismaError("P2002")).status).toBe(409);
    expect(toApiError(prismaError("P2003")).status).toBe(404);
  });

  it("hides unexpected errors behind a logged 500", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = errorResponse(new Error("password=hunter2 at db.internal"));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain("hunter2");
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});
