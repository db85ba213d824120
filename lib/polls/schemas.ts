// zod schemas for the Polls domain, shared by the forms, the server actions and the JSON API.
import { z } from "zod";

export const QUESTION_MAX = 200;
export const CHOICE_TEXT_MAX = 100;
export const MAX_CHOICES = 20;

// PostgreSQL text cannot hold NUL: refused here rather than failing the insert.
const noNul = (s: string) => !s.includes("\u0000");

/**
 * A text field that names a missing or wrong-type value in the forms' words ("Question is required"),
 * for the API's clients as for the forms, rather than zod's "Invalid input: expected string".
 */
export function namedText(name: string) {
  return z.string({ error: (issue) => (issue.input === undefined ? `${name} is required` : `${name} must be text`) });
}

export const questionSchema = namedText("Question")
  .refine(noNul, "Text must not contain NUL characters")
  .trim()
  .min(1, "Question is required")
  .max(QUESTION_MAX, `Question must be at most ${QUESTION_MAX} characters`);

export const choiceTextSchema = namedText("Choice text")
  .refine(noNul, "Text must not contain NUL characters")
  .trim()
  .min(1, "Choice text is required")
  .max(CHOICE_TEXT_MAX, `Choice must be at most ${CHOICE_TEXT_MAX} characters`);

/** What makes two choice texts the same choice: case and surrounding spaces do not count (nor in the database's index). */
export function choiceKey(text: string): string {
  return text.trim().toLowerCase();
}

/** Each text that repeats an earlier one, with the position of the one it repeats. */
export function repeatedChoices(texts: string[]): { index: number; first: number }[] {
  const firstOf = new Map<string, number>();
  return texts.flatMap((text, index) => {
    const first = firstOf.get(choiceKey(text));
    if (first === undefined) firstOf.set(choiceKey(text), index);
    return first === undefined ? [] : [{ index, first }];
  });
}

export function repeatedChoiceMessage(first: number): string {
  return `Same as choice ${first + 1}: each choice must differ (ignoring case)`;
}

export const choiceListSchema = z
  .array(choiceTextSchema, { error: "Choices must be a list of texts" })
  .max(MAX_CHOICES, `At most ${MAX_CHOICES} choices`)
  .superRefine((texts, ctx) => {
    for (const { index, first } of repeatedChoices(texts)) {
      ctx.addIssue({ code: "custom", path: [index], message: repeatedChoiceMessage(first) });
    }
  });

/** A poll as a person fills in the admin form: a question and at least two choices. */
export const pollFormSchema = z.object({
  question: questionSchema,
  choices: choiceListSchema.min(2, "Add at least two choices"),
});

/** PostgreSQL int4: a larger id would be a database error, not a missing row. */
export const ID_MAX = 2_147_483_647;

/** An id as a number (a bound server-action argument): what an int4 serial can hold. */
export const idNumberSchema = z.number().int().positive().max(ID_MAX);

/**
 * An id as text, from a path, a form field or the API: plain decimal digits only, so "1e0", " 7",
 * "0x7", "+7" and "-1" name nothing (z.coerce would take most of them). Leading zeros pass: "01" is 1.
 */
export const idSchema = z
  .string()
  .regex(/^\d{1,10}$/, "Expected an id")
  .transform(Number)
  .pipe(idNumberSchema);
