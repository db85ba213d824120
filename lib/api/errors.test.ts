import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ApiError, errorResponse, toApiError, validationError } from "@/lib/api/errors";
import { Prisma } from "@/lib/generated/tenant/client";

function prismaError(code: string) {
  return new Prisma.PrismaClientKnownRequestError("boom", { code, clientVersion: "test" });
}

describe("API errors", () => {
  it("maps every code to its status and the JSON shape", async () => {
    const response = errorResponse(new ApiError("forbidden", "No", undefined, { "x-extra": "1" }));
    expect(response.status).toBe(403);
    expect(response.headers.get("x-extra")).toBe("1");
    expect(await response.json()).toEqual({ error: { code: "forbidden", message: "No" } });
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
