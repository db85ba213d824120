// zod schemas for the Polls domain, shared by the forms, the server actions and the JSON API.
import { z } from "zod";

export const QUESTION_MAX = 200;
export const CHOICE_TEXT_MAX = 100;
export const MAX_CHOICES = 20;

// PostgreSQL text cannot hold NUL: refused here rather than failing the insert.
const noNul = (s: string) => !s.includes("\u0000");

export const questionSchema = z
  .string()
  .refine(noNul, "Text must not contain NUL characters")
  .trim()
  .min(1, "Question is required")
  .max(QUESTION_MAX, `Question must be at most ${QUESTION_MAX} characters`);

export const choiceTextSchema = z
  .string()
  .refine(noNul, "Text must not contain NUL characters")
  .trim()
  .min(1, "Choice text is required")
  .max(CHOICE_TEXT_MAX, `Choice must be at most ${CHOICE_TEXT_MAX} characters`);

export const choiceListSchema = z.array(choiceTextSchema).max(MAX_CHOICES, `At most ${MAX_CHOICES} choices`);

/** A poll as a person fills in the admin form: a question and at least two choices. */
export const pollFormSchema = z.object({
  question: questionSchema,
  choices: choiceListSchema.min(2, "Add at least two choices"),
});

export const idSchema = z.coerce.number().int().positive().max(2_147_483_647);
