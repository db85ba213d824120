import { describe, expect, it } from "vitest";
import { idNumberSchema, idSchema } from "@/lib/polls/schemas";

describe("idSchema", () => {
  it.each([
    ["1", 1],
    ["42", 42],
    ["01", 1],
    ["2147483647", 2_147_483_647],
  ])("reads %j as the id %d", (raw, id) => {
    expect(idSchema.safeParse(raw)).toEqual({ success: true, data: id });
  });

  it.each(["1e0", "1.0", " 7", "7 ", "0x7", "+7", "-1", "0", "", "abc", "2147483648", "99999999999", "١"])(
    "names no row for %j",
    (raw) => {
      expect(idSchema.safeParse(raw).success).toBe(false);
    },
  );

  it("refuses what is not text, as a form field that is a file", () => {
    expect(idSchema.safeParse(null).success).toBe(false);
    expect(idSchema.safeParse(7).success).toBe(false);
  });
});

describe("idNumberSchema", () => {
  it("takes a positive int4 and nothing else", () => {
    expect(idNumberSchema.safeParse(7).success).toBe(true);
    for (const bad of [0, -1, 1.5, 2_147_483_648, Number.NaN]) expect(idNumberSchema.safeParse(bad).success).toBe(false);
  });
});
