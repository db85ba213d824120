import { describe, expect, it } from "vitest";
import { parsePollForm } from "@/lib/polls/poll-form";

function form(question: string, rows: [id: string, text: string][]) {
  const data = new FormData();
  data.set("question", question);
  for (const [id, text] of rows) {
    data.append("choiceId", id);
    data.append("choiceText", text);
  }
  return data;
}

describe("parsePollForm", () => {
  it("parses a question and choices, trimming text and ignoring blank rows", () => {
    const result = parsePollForm(form("  Tea or coffee? ", [["", " Tea "], ["7", "Coffee"], ["", "  "]]));
    expect(result).toEqual({
      ok: true,
      poll: { question: "Tea or coffee?", choices: [{ id: null, text: "Tea" }, { id: 7, text: "Coffee" }] },
    });
  });

  it("puts each error beside its field and keeps what was typed", () => {
    const long = "x".repeat(10_000);
    const result = parsePollForm(form("", [["", long]]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors).toEqual({
      question: "Question is required",
      "choices.0": "Choice must be at most 100 characters",
      choices: "Add at least two choices",
    });
    expect(result.values).toEqual({ question: "", choices: [{ id: null, text: long }] });
  });

  it("refuses a tampered choice id", () => {
    const result = parsePollForm(form("Q?", [["abc", "A"], ["", "B"]]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors.choices).toMatch(/reload/);
  });
});
