import { describe, expect, it } from "vitest";
import { confirmedVoteDeletion, parsePollForm, redrawnPollForm, withRoomForOneMore } from "@/lib/polls/poll-form";

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
    expect(result).toMatchObject({
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
    expect(result.values).toEqual({ question: "", choices: [{ id: null, text: long }], opensAt: "", closesAt: "", resultsBeforeVoting: false });
  });

  it("reads the voting window as UTC and refuses a closing time before the opening", () => {
    const ok = form("Q?", [["", "A"], ["", "B"]]);
    ok.set("opensAt", "2026-12-04T18:00");
    ok.set("resultsBeforeVoting", "on");
    const parsed = parsePollForm(ok);
    expect(parsed.ok && parsed.poll.settings).toEqual({ opensAt: new Date("2026-12-04T18:00:00Z"), closesAt: null, resultsBeforeVoting: true });
    ok.set("closesAt", "2026-12-04T17:59");
    const refused = parsePollForm(ok);
    expect(!refused.ok && refused.fieldErrors).toEqual({ closesAt: "Must be after the opening time" });
    ok.set("closesAt", "tomorrow");
    expect(!parsePollForm(ok).ok).toBe(true);
  });

  it("leaves a time as the form showed it unchanged (it shows minutes, the poll may hold seconds), and sets one that was edited or cleared", () => {
    const edit = form("Q?", [["", "A"], ["", "B"]]);
    edit.set("opensAt", "2020-01-01T09:00");
    edit.set("opensAtShown", "2020-01-01T09:00");
    edit.set("closesAt", "2020-01-01T10:00");
    edit.set("closesAtShown", "2020-01-01T10:00");
    const kept = parsePollForm(edit);
    expect(kept.ok && kept.poll.settings).toEqual({ resultsBeforeVoting: false });

    edit.set("closesAt", "2020-01-01T11:00");
    edit.set("opensAt", "");
    const changed = parsePollForm(edit);
    expect(changed.ok && changed.poll.settings).toEqual({ opensAt: null, closesAt: new Date("2020-01-01T11:00:00Z"), resultsBeforeVoting: false });
  });

  it("refuses a tampered choice id", () => {
    const result = parsePollForm(form("Q?", [["abc", "A"], ["", "B"]]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors.choices).toMatch(/reload/);
  });

  it("gives a refused form back exactly as posted, blank rows included, with room for one more", () => {
    const result = parsePollForm(form("", [["", "Tea"], ["", ""], ["", "Coffee"], ["", ""]]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.values.choices.map((c) => c.text)).toEqual(["Tea", "", "Coffee", ""]);
    expect(withRoomForOneMore(result.values).choices.map((c) => c.text)).toEqual(["Tea", "", "Coffee", ""]);
    expect(withRoomForOneMore({ question: "", choices: [{ id: null, text: "Tea" }] }).choices.map((c) => c.text)).toEqual(["Tea", ""]);
  });

  it("puts a repeated choice's error on its own row, counting blank rows", () => {
    const result = parsePollForm(form("Q?", [["", "Yes"], ["", ""], ["", "No"], ["", " yes"]]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors).toEqual({ "choices.3": "Same as choice 1: each choice must differ (ignoring case)" });
  });

  it("redraws the form for the row buttons: one more row, or one fewer but never under two", () => {
    const add = form("Q?", [["4", "A"], ["", "B"]]);
    add.set("row", "add");
    expect(redrawnPollForm(add)?.choices).toEqual([{ id: 4, text: "A" }, { id: null, text: "B" }, { id: null, text: "" }]);
    const remove = form("Q?", [["4", "A"], ["", "B"], ["", "C"]]);
    remove.set("row", "remove:0");
    expect(redrawnPollForm(remove)?.choices).toEqual([{ id: null, text: "B" }, { id: null, text: "C" }]);
    const lastTwo = form("Q?", [["4", "A"], ["", "B"]]);
    lastTwo.set("row", "remove:1");
    expect(redrawnPollForm(lastTwo)?.choices).toHaveLength(2);
    expect(redrawnPollForm(form("Q?", [["", "A"], ["", "B"]]))).toBeNull();
  });

  it("reads the confirmed vote deletions, and none from a tampered field", () => {
    const data = form("Q?", []);
    data.set("confirmVoteDeletion", "12:3,14:1");
    expect(confirmedVoteDeletion(data)).toEqual(new Map([[12, 3], [14, 1]]));
    data.set("confirmVoteDeletion", "12:all");
    expect(confirmedVoteDeletion(data)).toEqual(new Map());
  });
});
