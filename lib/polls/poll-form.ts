// The admin's poll form as posted: a question and rows of (choiceId, choiceText). A row with an id
// edits that existing choice, a row without one adds a choice, and an existing choice left out is removed.
import { z } from "zod";
import { fieldErrorsOf, textField, type FieldErrors } from "@/lib/polls/form-state";
import { idSchema, pollFormSchema } from "@/lib/polls/schemas";

export type PollFormChoice = { id: number | null; text: string };
export type PollFormValues = { question: string; choices: PollFormChoice[] };

const choiceIdSchema = z.union([z.literal("").transform(() => null), idSchema]);

export type ParsedPollForm =
  | { ok: true; poll: { question: string; choices: { id: number | null; text: string }[] } }
  | { ok: false; fieldErrors: FieldErrors; values: PollFormValues };

export function parsePollForm(formData: FormData): ParsedPollForm {
  const texts = formData.getAll("choiceText").map((v) => (typeof v === "string" ? v : ""));
  const ids = formData.getAll("choiceId").map((v) => (typeof v === "string" ? v : ""));
  // Rows left entirely blank are ignored, like an unused "add another" slot.
  const rows = texts.map((text, i) => ({ rawId: ids[i] ?? "", text })).filter((row) => row.rawId || row.text.trim());
  const values: PollFormValues = {
    question: textField(formData, "question"),
    choices: rows.map((row) => ({ id: choiceIdSchema.safeParse(row.rawId).data ?? null, text: row.text })),
  };

  const parsed = pollFormSchema.safeParse({ question: values.question, choices: rows.map((row) => row.text) });
  const badIds = rows.some((row) => !choiceIdSchema.safeParse(row.rawId).success);
  if (!parsed.success || badIds) {
    const fieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
    if (badIds) fieldErrors.choices ??= "The choices were changed elsewhere; reload the page";
    return { ok: false, fieldErrors, values };
  }
  const choices = parsed.data.choices.map((text, i) => ({ id: values.choices[i].id, text }));
  return { ok: true, poll: { question: parsed.data.question, choices } };
}
