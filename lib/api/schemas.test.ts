// The API's validation messages are the forms' words, not zod's defaults, for missing and wrong-type fields alike.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { validationError } from "@/lib/api/errors";
import { newChoiceBody, newPollBody, patchPollBody, replacePollBody } from "@/lib/api/schemas";

/** The `fields` of the 400 a body gets, as the API sends them. */
function fieldsOf(schema: z.ZodType, body: unknown) {
  const result = schema.safeParse(body);
  expect(result.success).toBe(false);
  return validationError(result.error!).fields;
}

describe("the API's validation messages", () => {
  it("name a missing question in the form's words", () => {
    expect(fieldsOf(newPollBody, {})).toEqual({ question: "Question is required" });
    expect(fieldsOf(replacePollBody, {})).toEqual({ question: "Question is required" });
    expect(fieldsOf(newChoiceBody, {})).toEqual({ choice_text: "Choice text is required" });
  });

  it("say what each field should be when its type is wrong", () => {
    expect(fieldsOf(newPollBody, { question: 5, choices: "a,b", show_results_before_voting: "yes", opens_at: 3 })).toEqual({
      question: "Question must be text",
      choices: "Choices must be a list of texts",
      show_results_before_voting: "Expected true or false",
      opens_at: "Expected a date and time with its offset, like 2026-12-04T18:00:00Z",
    });
    expect(fieldsOf(newPollBody, { question: "Tea?", choices: ["Yes", 2, null] })).toEqual({
      "choices.1": "Choice text must be text",
      "choices.2": "Choice text must be text",
    });
    expect(fieldsOf(patchPollBody, { choices: [{ id: "7", choice_text: 1 }], delete_votes: 1 })).toEqual({
      "choices.0.id": "Expected a choice id",
      "choices.0.choice_text": "Choice text must be text",
      delete_votes: "Expected true or false",
    });
    expect(fieldsOf(patchPollBody, { choices: [["a"]] })).toEqual({ "choices.0": "Expected a choice: { id?, choice_text }" });
  });

  it("say a body that is not an object should be one", () => {
    for (const body of [null, [1, 2], "question"]) {
      expect(validationError(newPollBody.safeParse(body).error!).message).toBe("Expected a JSON object");
    }
  });

  it("let an edit close a poll \"now\", but not a new poll", () => {
    expect(patchPollBody.parse({ closes_at: "now" })).toEqual({ closes_at: "now" });
    expect(replacePollBody.parse({ question: "Q", closes_at: "now", opens_at: "2020-01-01T00:00:00Z" }).closes_at).toBe("now");
    expect(fieldsOf(newPollBody, { question: "Q", closes_at: "now" })).toEqual({ closes_at: "Expected a date and time with its offset, like 2026-12-04T18:00:00Z" });
    expect(fieldsOf(patchPollBody, { closes_at: "soon" })).toEqual({ closes_at: 'Expected "now" or a date and time with its offset, like 2026-12-04T18:00:00Z' });
  });

  it("never fall back to zod's own wording", () => {
    const bodies = [{}, { question: null, choices: [{}], opens_at: {}, closes_at: [] }, { question: [], choices: {} }];
    for (const schema of [newPollBody, replacePollBody, patchPollBody, newChoiceBody]) {
      for (const body of bodies) {
        const result = schema.safeParse(body);
        for (const issue of result.error?.issues ?? []) expect(issue.message).not.toMatch(/^Invalid input/);
      }
    }
  });
});
