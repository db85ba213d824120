import { describe, expect, it } from "vitest";
import { relativeTime } from "./local-time";

describe("relativeTime", () => {
  const now = new Date("2026-12-04T12:00:00Z");
  it("names the largest whole unit, in the past and the future", () => {
    expect(relativeTime(new Date("2026-12-01T12:00:00Z"), now, "en")).toBe("3 days ago");
    expect(relativeTime(new Date("2026-12-04T09:30:00Z"), now, "en")).toBe("2 hours ago");
    expect(relativeTime(new Date("2026-12-05T12:00:00Z"), now, "en")).toBe("tomorrow");
    expect(relativeTime(new Date("2025-11-04T12:00:00Z"), now, "en")).toBe("last year");
  });
  it("says now for under a minute, and speaks the reader's language", () => {
    expect(relativeTime(new Date("2026-12-04T11:59:30Z"), now, "en")).toBe("this minute");
    expect(relativeTime(new Date("2026-12-01T12:00:00Z"), now, "fr")).toBe("il y a 3 jours");
  });
});
