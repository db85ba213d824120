// The admin's poll form as posted: a question and rows of (choiceId, choiceText). A row with an id
// edits that existing choice, a row without one adds a choice, and an existing choice left out is removed.
// Its row buttons ("+ Add a choice", "Remove") are submit buttons too, so they work without JavaScript:
// the form comes back redrawn, and nothing is saved.
import { z } from "zod";
import { fieldErrorsOf, textField, type FieldErrors } from "@/lib/polls/form-state";
import type { ChoiceWithVotes } from "@/lib/polls/mutations";
import { MAX_CHOICES, idSchema, pollFormSchema } from "@/lib/polls/schemas";

export type PollFormChoice = { id: number | null; text: string };
/** `opensAt`/`closesAt` as a datetime-local field holds them ("2026-12-04T18:00", UTC; "" for none). */
export type PollFormValues = { question: string; choices: PollFormChoice[]; opensAt?: string; closesAt?: string; resultsBeforeVoting?: boolean };
/** A time left out is left as the poll has it (the form showed it and it was not edited). */
export type PollFormSettings = { opensAt?: Date | null; closesAt?: Date | null; resultsBeforeVoting: boolean };

/** A poll needs two choices, so the form never shows fewer rows. */
export const MIN_ROWS = 2;

const choiceIdSchema = z.union([z.literal("").transform(() => null), idSchema]);

export type ParsedPollForm =
  | { ok: true; poll: { question: string; choices: { id: number | null; text: string }[]; settings: PollFormSettings }; values: PollFormValues }
  /** `closesAt`: the closing time being set, when it parsed, for the caller to check against the database's clock. */
  | { ok: false; fieldErrors: FieldErrors; values: PollFormValues; closesAt?: Date | null };

export function parsePollForm(formData: FormData): ParsedPollForm {
  const rows = postedRows(formData);
  const values = valuesOfRows(formData);
  // Rows left entirely blank are ignored, like an unused "add another" slot (but shown again if refused).
  const filled = rows.flatMap((row, index) => (row.rawId || row.text.trim() ? [index] : []));

  const parsed = pollFormSchema.safeParse({ question: values.question, choices: filled.map((index) => rows[index].text) });
  const badIds = rows.some((row) => !choiceIdSchema.safeParse(row.rawId).success);
  const settings = settingsSchema.safeParse({ opensAt: values.opensAt, closesAt: values.closesAt });
  if (!parsed.success || badIds || !settings.success) {
    const fieldErrors = parsed.success ? {} : atRows(fieldErrorsOf(parsed.error), filled);
    if (badIds) fieldErrors.choices ??= "The choices were changed elsewhere; reload the page";
    if (!settings.success) Object.assign(fieldErrors, fieldErrorsOf(settings.error));
    const closesAt = settings.success && !unchanged(formData, "closesAt") ? settings.data.closesAt : undefined;
    return { ok: false, fieldErrors, values, closesAt };
  }
  const choices = parsed.data.choices.map((text, i) => ({ id: values.choices[filled[i]].id, text }));
  const resultsBeforeVoting = values.resultsBeforeVoting ?? false;
  const window = {
    ...(unchanged(formData, "opensAt") ? {} : { opensAt: settings.data.opensAt }),
    ...(unchanged(formData, "closesAt") ? {} : { closesAt: settings.data.closesAt }),
  };
  return { ok: true, poll: { question: parsed.data.question, choices, settings: { ...window, resultsBeforeVoting } }, values };
}

/**
 * Whether a time field still holds what the form showed (its `<name>Shown` hidden field): the field shows
 * minutes and the poll may hold seconds, so such a time is left as stored rather than rewritten, and a
 * closed poll's past closing time is not being set again (lib/polls/lifecycle.ts). Tampering with the
 * hidden field can only leave a time unchanged.
 */
function unchanged(formData: FormData, name: "opensAt" | "closesAt"): boolean {
  const shown = formData.get(`${name}Shown`);
  return typeof shown === "string" && shown.trim() === textField(formData, name).trim();
}

/** A datetime-local field's value, read as UTC (the form says so); "" is no time. */
const utcInstant = z.union([
  z.literal("").transform(() => null),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "Enter a date and time, like 2026-12-04 18:00")
    .transform((value) => new Date(`${value}Z`))
    .refine((date) => !Number.isNaN(date.getTime()), "Enter a date and time, like 2026-12-04 18:00"),
]);

const settingsSchema = z
  .object({ opensAt: utcInstant, closesAt: utcInstant })
  .refine((w) => !w.opensAt || !w.closesAt || w.closesAt.getTime() > w.opensAt.getTime(), { path: ["closesAt"], message: "Must be after the opening time" });

/** A stored time as a datetime-local field shows it (UTC, to the minute). */
export function utcFieldValue(date: Date | null): string {
  return date ? date.toISOString().slice(0, 16) : "";
}

/** Errors of the n-th filled choice ("choices.n") moved to that choice's row on the form. */
function atRows(errors: FieldErrors, filled: number[]): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([key, message]) => {
      const n = /^choices\.(\d+)$/.exec(key)?.[1];
      return [n === undefined ? key : `choices.${filled[Number(n)]}`, message];
    }),
  );
}

const rowButtonSchema = z.union([
  z.literal("add").transform(() => ({ kind: "add" as const })),
  z.templateLiteral(["remove:", z.number().int().min(0).max(MAX_CHOICES)]).transform((v) => ({ kind: "remove" as const, row: Number(v.slice(7)) })),
]);

/**
 * The form redrawn when a row button was pressed (with a blank row more, or one row fewer, never
 * under two), or null when the form was sent to be saved.
 */
export function redrawnPollForm(formData: FormData): PollFormValues | null {
  const button = rowButtonSchema.safeParse(formData.get("row")).data;
  if (!button) return null;
  const values = valuesOfRows(formData);
  const choices = values.choices;
  if (button.kind === "add") return { ...values, choices: choices.length < MAX_CHOICES ? [...choices, BLANK_ROW] : choices };
  return { ...values, choices: choices.length > MIN_ROWS ? choices.filter((_, i) => i !== button.row) : choices };
}

function postedRows(formData: FormData): { rawId: string; text: string }[] {
  const texts = formData.getAll("choiceText").map((v) => (typeof v === "string" ? v : ""));
  const ids = formData.getAll("choiceId").map((v) => (typeof v === "string" ? v : ""));
  return texts.map((text, i) => ({ rawId: ids[i] ?? "", text }));
}

/** The form as posted, every row included (the parsed poll drops blank ones). */
function valuesOfRows(formData: FormData): PollFormValues {
  return {
    question: textField(formData, "question"),
    opensAt: textField(formData, "opensAt").trim(),
    closesAt: textField(formData, "closesAt").trim(),
    resultsBeforeVoting: formData.get("resultsBeforeVoting") === "on",
    choices: postedRows(formData).map((row) => ({ id: choiceIdSchema.safeParse(row.rawId).data ?? null, text: row.text })),
  };
}

const BLANK_ROW: PollFormChoice = { id: null, text: "" };

/** The rows as posted, with a blank one at the end to type another choice into (if there is room). */
export function withRoomForOneMore(values: PollFormValues): PollFormValues {
  const last = values.choices.at(-1);
  const roomy = (last && !last.text.trim() && last.id === null) || values.choices.length >= MAX_CHOICES;
  return roomy ? values : { ...values, choices: [...values.choices, BLANK_ROW] };
}

// ---- confirming that votes will be deleted

/** The confirm button's value: "choiceId:votes" for each choice about to lose its votes, as shown. */
export function voteDeletionValue(choices: ChoiceWithVotes[]): string {
  return choices.map((c) => `${c.id}:${c.votes}`).join(",");
}

const voteDeletionSchema = z
  .string()
  .regex(/^\d{1,10}:\d{1,10}(,\d{1,10}:\d{1,10})*$/)
  .transform((value) => new Map(value.split(",").map((pair) => pair.split(":").map(Number) as [number, number])));

/** The vote deletions the admin confirmed, per choice id; none when the field is missing or garbled. */
export function confirmedVoteDeletion(formData: FormData): Map<number, number> {
  return voteDeletionSchema.safeParse(formData.get("confirmVoteDeletion")).data ?? new Map();
}
