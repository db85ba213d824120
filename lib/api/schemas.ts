// The API's wire format as zod schemas: request bodies (strict: an unknown field is a 400) and the
// resources it returns. Handlers parse with them and the OpenAPI document is generated from them.
import { z } from "zod";
import { loginSchema } from "@/lib/auth/options";
import { emailSchema, passwordSchema, usernameSchema } from "@/lib/auth/users";
import { pageNumberSchema } from "@/lib/pagination";
import { ID_MAX, MAX_CHOICES, choiceListSchema, choiceTextSchema, questionSchema, repeatedChoiceMessage, repeatedChoices } from "@/lib/polls/schemas";

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 10;

// Request bodies ------------------------------------------------------------------------------

export const newUserBody = z.strictObject({ username: usernameSchema, email: emailSchema.default(""), password: passwordSchema });

export const loginBody = z.strictObject(loginSchema.shape);

export const newPollBody = z.strictObject({ question: questionSchema, choices: choiceListSchema.default([]) });

/** A poll's choices as they should be: an `id` keeps (and may rename) that choice, none adds one, a missing one is removed. */
const editedChoicesBody = z
  .array(z.strictObject({ id: z.number().int().positive().max(ID_MAX).optional(), choice_text: choiceTextSchema }))
  .max(MAX_CHOICES, `At most ${MAX_CHOICES} choices`)
  .superRefine((choices, ctx) => {
    for (const { index, first } of repeatedChoices(choices.map((c) => c.choice_text))) {
      ctx.addIssue({ code: "custom", path: [index, "choice_text"], message: repeatedChoiceMessage(first) });
    }
  })
  .meta({ description: "All of the poll's choices: omitted choices are removed. Leave the field out to keep the choices as they are." });

const deleteVotesField = z.boolean().optional().meta({
  description: "Set to true to remove choices that have votes, deleting those votes. Without it, such an edit is a 409 choice_has_votes naming each choice and its vote count.",
});

export const replacePollBody = z.strictObject({ question: questionSchema, choices: editedChoicesBody.optional(), delete_votes: deleteVotesField });

export const patchPollBody = z.strictObject({ question: questionSchema.optional(), choices: editedChoicesBody.optional(), delete_votes: deleteVotesField });

export const newChoiceBody = z.strictObject({ choice_text: choiceTextSchema });

/** The voter is whoever is authenticated; a `voted_by` sent by older clients is accepted and ignored. */
export const voteBody = z.strictObject({
  voted_by: z.unknown().optional().meta({ description: "Ignored: the vote always belongs to the authenticated user." }),
});

// Path and query parameters -------------------------------------------------------------------

// Not strict: like any web page, the list ignores query parameters it does not know (cache busters, tracking).
export const pageQuery = z.object({
  // Past MAX_PAGE a page is a 400, not a 500.
  page: pageNumberSchema.default(1),
  page_size: decimalString("Expected a number")
    .pipe(z.number().int().min(1).max(MAX_PAGE_SIZE, `At most ${MAX_PAGE_SIZE}`))
    .default(DEFAULT_PAGE_SIZE),
});

/** Digits only, as a number (z.coerce would also take "1e3", " 1" and "0x10"). */
function decimalString(message: string) {
  return z.string().regex(/^\d{1,10}$/, message).transform(Number);
}

// Resources -----------------------------------------------------------------------------------

const id = z.number().int().positive();
const count = z.number().int().nonnegative();

export const userResource = z.object({ id, username: z.string(), email: z.string() });

export const tokenResource = z.object({ token: z.string().meta({ description: "Shown once; send it as `Authorization: Token <token>`" }) });

export const pollChoiceResource = z.object({ id, choice_text: z.string(), votes: count });

export const pollResource = z.object({
  id,
  question: z.string(),
  created_by: id.meta({ description: "The id of the user who created the poll" }),
  pub_date: z.iso.datetime(),
  choices: z.array(pollChoiceResource),
});

export const pollPageResource = z.object({
  count,
  next: z.url().nullable(),
  previous: z.url().nullable(),
  results: z.array(pollResource),
});

export const choiceResource = z.object({ id, poll: id, choice_text: z.string(), votes: count });

export const voteResource = z.object({ id, choice: id, poll: id, voted_by: id });

export const resultsResource = z.object({
  poll: id,
  total: count,
  choices: z.array(
    z.object({
      id,
      choice_text: z.string(),
      votes: count,
      percent: z.number().min(0).max(100).meta({ description: "Share of the votes, rounded to one decimal" }),
    }),
  ),
});

export const errorResource = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional().meta({ description: "A message per invalid or unknown field" }),
    choices: z
      .array(z.object({ id, choice_text: z.string(), votes: count }))
      .optional()
      .meta({ description: "choice_has_votes: the choices the edit would remove, with the votes it would delete" }),
  }),
});

export type UserResource = z.infer<typeof userResource>;
export type PollResource = z.infer<typeof pollResource>;
export type PollPageResource = z.infer<typeof pollPageResource>;
export type ChoiceResource = z.infer<typeof choiceResource>;
export type VoteResource = z.infer<typeof voteResource>;
export type ResultsResource = z.infer<typeof resultsResource>;
