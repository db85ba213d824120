// The API's wire format as zod schemas: request bodies (strict: an unknown field is a 400) and the
// resources it returns. Handlers parse with them and the OpenAPI document is generated from them.
import { z } from "zod";
import { loginSchema } from "@/lib/auth/options";
import { emailSchema, passwordSchema, usernameSchema } from "@/lib/auth/users";
import { pageNumberSchema } from "@/lib/pagination";
import { ID_MAX, MAX_CHOICES, idSchema, choiceListSchema, choiceTextSchema, questionSchema, repeatedChoiceMessage, repeatedChoices } from "@/lib/polls/schemas";

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 10;

// Request bodies ------------------------------------------------------------------------------

export const newUserBody = z.strictObject({ username: usernameSchema, email: emailSchema.default(""), password: passwordSchema });

export const loginBody = z.strictObject(loginSchema.shape);

// zod's defaults ("Invalid input: expected boolean, received string") replaced by what the field should be.
const trueOrFalse = z.boolean({ error: "Expected true or false" });
const bodyObject = { error: "Expected a JSON object" } as const;

// A poll's window and results setting: optional everywhere; left out, a field keeps its value (a new poll: none, off).
const instant = z.iso
  .datetime({ offset: true, message: "Expected a date and time with its offset, like 2026-12-04T18:00:00Z" })
  .transform((value) => new Date(value))
  .nullable()
  .optional();
const pollSettingsFields = {
  opens_at: instant.meta({ description: "When voting opens (ISO 8601 with offset); null: open from creation" }),
  closes_at: instant.meta({
    description: "When voting closes (ISO 8601 with offset), in the future (else a 400); null: no closing time. Votes from then on are a 409 poll_closed",
  }),
  show_results_before_voting: trueOrFalse.optional().meta({
    description: "Whether voters see the results before they vote (default false: after voting, or once the poll is closed)",
  }),
};

/** closes_at after opens_at when both are given. */
function windowInOrder(body: { opens_at?: Date | null; closes_at?: Date | null | "now" }, ctx: z.RefinementCtx) {
  if (body.opens_at && body.closes_at instanceof Date && body.closes_at.getTime() <= body.opens_at.getTime()) {
    ctx.addIssue({ code: "custom", path: ["closes_at"], message: "Must be after opens_at" });
  }
}

export const newPollBody = z
  .strictObject({ question: questionSchema, choices: choiceListSchema.default([]), ...pollSettingsFields }, bodyObject)
  .superRefine(windowInOrder);

const choiceId = z.number({ error: "Expected a choice id" }).int("Expected a choice id").positive("Expected a choice id").max(ID_MAX, "Expected a choice id");

/** A poll's choices as they should be: an `id` keeps (and may rename) that choice, none adds one, a missing one is removed. */
const editedChoicesBody = z
  .array(z.strictObject({ id: choiceId.optional(), choice_text: choiceTextSchema }, { error: "Expected a choice: { id?, choice_text }" }), {
    error: "Choices must be a list of { id?, choice_text }",
  })
  .max(MAX_CHOICES, `At most ${MAX_CHOICES} choices`)
  .superRefine((choices, ctx) => {
    for (const { index, first } of repeatedChoices(choices.map((c) => c.choice_text))) {
      ctx.addIssue({ code: "custom", path: [index, "choice_text"], message: repeatedChoiceMessage(first) });
    }
  })
  .meta({ description: "All of the poll's choices: omitted choices are removed. Leave the field out to keep the choices as they are." });

const deleteVotesField = trueOrFalse.optional().meta({
  description: "Set to true to remove choices that have votes, deleting those votes. Without it, such an edit is a 409 choice_has_votes naming each choice and its vote count.",
});

/** An edit may also close the poll now, by the database's clock (a time sent would be in the past when it arrives). */
const editedPollSettingsFields = {
  ...pollSettingsFields,
  closes_at: z
    .union([z.literal("now"), instant.unwrap().unwrap()], { error: "Expected \"now\" or a date and time with its offset, like 2026-12-04T18:00:00Z" })
    .nullable()
    .optional()
    .meta({
      description:
        "When voting closes (ISO 8601 with offset), in the future (else a 400), or \"now\" to close the poll at once; null: no closing time; left out: unchanged. A closing time in the past that the poll already has may be sent back unchanged. Votes from then on are a 409 poll_closed",
    }),
};

export const replacePollBody = z
  .strictObject({ question: questionSchema, choices: editedChoicesBody.optional(), delete_votes: deleteVotesField, ...editedPollSettingsFields }, bodyObject)
  .superRefine(windowInOrder);

export const patchPollBody = z
  .strictObject({ question: questionSchema.optional(), choices: editedChoicesBody.optional(), delete_votes: deleteVotesField, ...editedPollSettingsFields }, bodyObject)
  .superRefine(windowInOrder);

export const newChoiceBody = z.strictObject({ choice_text: choiceTextSchema }, bodyObject);

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

/** The polls whose vote totals GET /api/polls/stream follows. */
export const MAX_STREAMED_POLLS = 50;
export const totalsQuery = z.object({
  ids: z
    .string()
    .transform((value) => value.split(","))
    .pipe(z.array(idSchema).min(1).max(MAX_STREAMED_POLLS, `At most ${MAX_STREAMED_POLLS} ids`))
    .transform((ids) => [...new Set(ids)])
    .meta({ description: `Comma-separated poll ids, at most ${MAX_STREAMED_POLLS}` }),
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

/** A choice's votes, or null while the reader may not see the poll's results (see show_results_before_voting). */
const votesOrHidden = count.nullable().meta({
  description: "null while the reader may not see the results: the poll is open, hides results before voting, and the reader has not voted (admins and the poll's creator always see them)",
});

export const pollChoiceResource = z.object({ id, choice_text: z.string(), votes: votesOrHidden });

const pollStatusField = z.enum(["scheduled", "open", "closed"]).meta({ description: "scheduled: before opens_at; closed: from closes_at on" });
const instantOut = z.iso.datetime().nullable();

export const pollResource = z.object({
  id,
  question: z.string(),
  created_by: id.meta({ description: "The id of the user who created the poll" }),
  pub_date: z.iso.datetime(),
  opens_at: instantOut,
  closes_at: instantOut,
  status: pollStatusField,
  show_results_before_voting: z.boolean(),
  choices: z.array(pollChoiceResource),
});

export const pollPageResource = z.object({
  count,
  next: z.url().nullable(),
  previous: z.url().nullable(),
  results: z.array(pollResource),
});

export const choiceResource = z.object({ id, poll: id, choice_text: z.string(), votes: votesOrHidden });

export const voteResource = z.object({ id, choice: id, poll: id, voted_by: id });

export const resultsResource = z.object({
  poll: id,
  status: pollStatusField,
  opens_at: instantOut,
  closes_at: instantOut,
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

export const totalEventResource = z.object({ poll: id, total: count });

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
