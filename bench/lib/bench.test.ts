import { describe, expect, it } from "vitest";
import { median, percentile } from "./bench";

describe("bench statistics", () => {
  it("takes the middle value of an odd count and the mean of the two middle ones of an even count", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([0.9, 1.31])).toBeCloseTo(1.105);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("reads a percentile by nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(51);
    expect(percentile(values, 99)).toBe(100);
  });
});
