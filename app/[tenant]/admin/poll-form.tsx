"use client";

import { useActionState, useRef, useState, type MouseEvent } from "react";
import { CHOICE_TEXT_MAX, MAX_CHOICES, QUESTION_MAX } from "@/lib/polls/schemas";
import { MIN_ROWS, voteDeletionValue, type PollFormValues } from "@/lib/polls/poll-form";
import type { ChoiceWithVotes } from "@/lib/polls/mutations";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { FieldError, TextField, controlClass, describedBy } from "@/components/ui/field";
import { CharacterCount } from "@/components/ui/character-count";
import type { PollFormState } from "./actions";

type Props = {
  action: (prev: PollFormState, formData: FormData) => Promise<PollFormState>;
  initial: PollFormValues;
  submitLabel: string;
};

type Row = { key: number; id: number | null; text: string };

/** Fields whose error links to the control of the same id; the rest are the choices'. */
const FIELDS = new Set(["question", "opensAt", "closesAt"]);

// Keys (and so element ids) are deterministic, so the server's HTML and the browser's render agree.
function rowsOf(values: PollFormValues, version: number): Row[] {
  const choices = [...values.choices];
  while (choices.length < MIN_ROWS) choices.push({ id: null, text: "" });
  return choices.map((c, index) => ({ key: version * 1000 + index, id: c.id, text: c.text }));
}

/**
 * Question and choices. "+ Add a choice" and "Remove" are submit buttons that the server answers by
 * redrawing the form (so they work without JavaScript); with JavaScript they act in the browser. An
 * edit that would delete votes comes back with a warning and a button that confirms exactly those.
 * Validation is the server's: nothing is saved unless every field passes.
 */
export function PollForm({ action, initial, submitLabel }: Props) {
  const [state, formAction, pending] = useActionState(action, { ok: false, values: initial });
  const [version, setVersion] = useState(0);
  // Without JavaScript the page is drawn with the action's answer already in `state`.
  const [rows, setRows] = useState<Row[]>(() => rowsOf(state.values ?? initial, 0));
  const [shownState, setShownState] = useState(state);
  const added = useRef(0);
  // After a refused save or a redraw, show what was sent (React resets the form once its action has run).
  if (state !== shownState) {
    setShownState(state);
    if (state.values) {
      setVersion(version + 1);
      setRows(rowsOf(state.values, version + 1));
    }
  }
  const values = state.values ?? initial;
  const errors = state.fieldErrors ?? {};
  const hasErrors = Object.keys(errors).length > 0;

  // With JavaScript the row buttons act here and send nothing.
  function addRow(event: MouseEvent) {
    event.preventDefault();
    const key = 900_000 + added.current++;
    setRows((current) => (current.length < MAX_CHOICES ? [...current, { key, id: null, text: "" }] : current));
  }
  function removeRow(event: MouseEvent, key: number) {
    event.preventDefault();
    setRows((current) => (current.length > MIN_ROWS ? current.filter((r) => r.key !== key) : current));
  }

  // The summary links each message to its field (a choice's row by its position).
  const summary = Object.entries(errors).map(([key, message]) => {
    const row = /^choices\.(\d+)$/.exec(key);
    const id = FIELDS.has(key) ? key : row ? `choice-${rows[Number(row[1])]?.key}` : `choice-${rows[0]?.key}`;
    return { id, message: row ? `Choice ${Number(row[1]) + 1}: ${message}` : message };
  });

  return (
    <form action={formAction} className="grid gap-5" noValidate aria-label="Poll">
      {/* First in the form, so Enter in a field saves rather than pressing a row button. */}
      <button type="submit" className="sr-only" tabIndex={-1} aria-hidden="true">
        {submitLabel}
      </button>
      {(state.message || hasErrors) && (
        <ErrorSummary key={`s${version}`} title={state.message ?? "Nothing was saved. Fix the fields marked below."} errors={summary} />
      )}
      {state.votesAtStake && <VoteDeletionWarning choices={state.votesAtStake} />}
      <TextField
        id="question"
        label="Question"
        defaultValue={values.question}
        key={`q${version}`}
        maxLength={QUESTION_MAX}
        hint={`Up to ${QUESTION_MAX} characters.`}
        error={errors.question}
      />

      <fieldset className="grid gap-2" {...describedBy("choices", { hint: true, error: errors.choices })}>
        <legend className="mb-1.5 font-semibold">Choices</legend>
        <p id="choices-hint" className="text-sm text-muted">
          Between 2 and {MAX_CHOICES} different choices, up to {CHOICE_TEXT_MAX} characters each.
        </p>
        <ol className="grid gap-2">
          {rows.map((row, index) => {
            const error = errors[`choices.${index}`];
            const id = `choice-${row.key}`;
            return (
              <li key={row.key} className="grid grid-cols-[1fr_auto] items-center gap-x-2 gap-y-1">
                <input type="hidden" name="choiceId" value={row.id ?? ""} />
                <label htmlFor={id} className="sr-only">
                  Choice {index + 1}
                </label>
                <input
                  id={id}
                  name="choiceText"
                  type="text"
                  defaultValue={row.text}
                  placeholder={`Choice ${index + 1}`}
                  maxLength={CHOICE_TEXT_MAX}
                  className={controlClass}
                  {...describedBy(id, { error })}
                />
                <Button
                  type="submit"
                  name="row"
                  value={`remove:${index}`}
                  variant="secondary"
                  size="sm"
                  disabled={rows.length <= MIN_ROWS}
                  onClick={(event) => removeRow(event, row.key)}
                >
                  Remove<span className="sr-only"> choice {index + 1}</span>
                </Button>
                <div className="col-span-2 flex justify-between gap-3 text-sm">
                  <FieldError id={`${id}-error`} message={error} />
                  <span className="ml-auto text-muted">
                    <CharacterCount inputId={id} max={CHOICE_TEXT_MAX} initial={row.text.length} />
                  </span>
                </div>
              </li>
            );
          })}
        </ol>
        <FieldError id="choices-error" message={errors.choices} />
        <div>
          <Button type="submit" name="row" value="add" variant="secondary" size="sm" disabled={rows.length >= MAX_CHOICES} onClick={addRow}>
            + Add a choice
          </Button>
        </div>
      </fieldset>

      <fieldset className="grid gap-3" aria-describedby="window-hint">
        <legend className="mb-1.5 font-semibold">Voting</legend>
        <p id="window-hint" className="text-sm text-muted">
          Times are UTC. Leave a time empty for no limit on that side; votes outside the window are refused.
        </p>
        {/* What the time fields showed: a time left as shown stays as stored (see parsePollForm). */}
        <input type="hidden" name="opensAtShown" value={initial.opensAt ?? ""} />
        <input type="hidden" name="closesAtShown" value={initial.closesAt ?? ""} />
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField id="opensAt" label="Opens at (UTC)" type="datetime-local" defaultValue={values.opensAt ?? ""} key={`o${version}`} error={errors.opensAt} />
          <TextField id="closesAt" label="Closes at (UTC)" type="datetime-local" defaultValue={values.closesAt ?? ""} key={`c${version}`} error={errors.closesAt} />
        </div>
        <label className="flex items-start gap-2">
          <input type="checkbox" name="resultsBeforeVoting" className="mt-1 size-4" defaultChecked={values.resultsBeforeVoting ?? false} key={`r${version}`} />
          <span>Show results before voting (off: voters see them after voting, everyone once the poll is closed)</span>
        </label>
      </fieldset>

      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending} className="w-full sm:w-auto">
          {pending ? "Saving…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}

/** "Removing 'Vanaheim' deletes its 3 votes", and the button that confirms exactly those counts. */
function VoteDeletionWarning({ choices }: { choices: ChoiceWithVotes[] }) {
  const total = choices.reduce((sum, c) => sum + c.votes, 0);
  return (
    <Alert tone="error" role="alert" as="div" className="grid gap-2">
      <p className="font-semibold">Nothing was saved yet: this edit deletes votes.</p>
      <ul className="list-disc pl-5">
        {choices.map((c) => (
          <li key={c.id}>{`Removing '${c.text}' deletes its ${votesText(c.votes)}.`}</li>
        ))}
      </ul>
      <p>Put the choice back to keep its votes, or confirm:</p>
      <div>
        <Button type="submit" name="confirmVoteDeletion" value={voteDeletionValue(choices)} variant="danger">
          Remove and delete {votesText(total)}
        </Button>
      </div>
    </Alert>
  );
}

function votesText(count: number): string {
  return count === 1 ? "1 vote" : `${count} votes`;
}
