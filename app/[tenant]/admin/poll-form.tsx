"use client";

import { useActionState, useRef, useState, type MouseEvent } from "react";
import { CHOICE_TEXT_MAX, MAX_CHOICES, QUESTION_MAX } from "@/lib/polls/schemas";
import { MIN_ROWS, voteDeletionValue, type PollFormValues } from "@/lib/polls/poll-form";
import type { ChoiceWithVotes } from "@/lib/polls/mutations";
import { FieldError, describedBy } from "../_components/field-error";
import type { PollFormState } from "./actions";

type Props = {
  action: (prev: PollFormState, formData: FormData) => Promise<PollFormState>;
  initial: PollFormValues;
  submitLabel: string;
};

type Row = { key: number; id: number | null; text: string };

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

  return (
    <form action={formAction} className="stack poll-form" noValidate aria-label="Poll">
      {/* First in the form, so Enter in a field saves rather than pressing a row button. */}
      <button type="submit" className="sr-only" tabIndex={-1} aria-hidden="true">
        {submitLabel}
      </button>
      {(state.message || hasErrors) && (
        <p className="alert error" role="alert">
          {state.message ?? "Nothing was saved. Fix the fields marked below."}
        </p>
      )}
      {state.votesAtStake && <VoteDeletionWarning choices={state.votesAtStake} />}
      <div className="field">
        <label htmlFor="question">Question</label>
        <input
          id="question"
          name="question"
          type="text"
          defaultValue={values.question}
          key={version}
          {...describedBy("question-error", errors.question)}
          aria-describedby={errors.question ? "question-error" : "question-hint"}
        />
        <p id="question-hint" className="hint">
          Up to {QUESTION_MAX} characters.
        </p>
        <FieldError id="question-error" message={errors.question} />
      </div>

      <fieldset className="field choice-editor" aria-describedby={errors.choices ? "choices-error" : "choices-hint"}>
        <legend>Choices</legend>
        <p id="choices-hint" className="hint">
          Between 2 and {MAX_CHOICES} different choices, up to {CHOICE_TEXT_MAX} characters each.
        </p>
        <ol className="choice-rows">
          {rows.map((row, index) => {
            const error = errors[`choices.${index}`];
            return (
              <li key={row.key} className="choice-row">
                <input type="hidden" name="choiceId" value={row.id ?? ""} />
                <label htmlFor={`choice-${row.key}`} className="sr-only">
                  Choice {index + 1}
                </label>
                <input
                  id={`choice-${row.key}`}
                  name="choiceText"
                  type="text"
                  defaultValue={row.text}
                  placeholder={`Choice ${index + 1}`}
                  {...describedBy(`choice-${row.key}-error`, error)}
                />
                <button
                  type="submit"
                  name="row"
                  value={`remove:${index}`}
                  className="button small secondary"
                  disabled={rows.length <= MIN_ROWS}
                  onClick={(event) => removeRow(event, row.key)}
                >
                  Remove<span className="sr-only"> choice {index + 1}</span>
                </button>
                <FieldError id={`choice-${row.key}-error`} message={error} />
              </li>
            );
          })}
        </ol>
        <FieldError id="choices-error" message={errors.choices} />
        <div>
          <button type="submit" name="row" value="add" className="button small secondary" disabled={rows.length >= MAX_CHOICES} onClick={addRow}>
            + Add a choice
          </button>
        </div>
      </fieldset>

      <fieldset className="field" aria-describedby="window-hint">
        <legend>Voting</legend>
        <p id="window-hint" className="hint">
          Times are UTC. Leave a time empty for no limit on that side; votes outside the window are refused.
        </p>
        <div className="field">
          <label htmlFor="opensAt">Opens at (UTC)</label>
          <input id="opensAt" name="opensAt" type="datetime-local" defaultValue={values.opensAt ?? ""} key={`o${version}`} {...describedBy("opensAt-error", errors.opensAt)} />
          <FieldError id="opensAt-error" message={errors.opensAt} />
        </div>
        <div className="field">
          <label htmlFor="closesAt">Closes at (UTC)</label>
          <input id="closesAt" name="closesAt" type="datetime-local" defaultValue={values.closesAt ?? ""} key={`c${version}`} {...describedBy("closesAt-error", errors.closesAt)} />
          <FieldError id="closesAt-error" message={errors.closesAt} />
        </div>
        <label className="choice-option">
          <input type="checkbox" name="resultsBeforeVoting" defaultChecked={values.resultsBeforeVoting ?? false} key={`r${version}`} />
          <span>Show results before voting (off: voters see them after voting, everyone once the poll is closed)</span>
        </label>
      </fieldset>

      <div className="actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </button>
      </div>
    </form>
  );
}

/** "Removing 'Vanaheim' deletes its 3 votes", and the button that confirms exactly those counts. */
function VoteDeletionWarning({ choices }: { choices: ChoiceWithVotes[] }) {
  const total = choices.reduce((sum, c) => sum + c.votes, 0);
  return (
    <div className="alert error" role="alert">
      <p>Nothing was saved yet: this edit deletes votes.</p>
      <ul>
        {choices.map((c) => (
          <li key={c.id}>{`Removing '${c.text}' deletes its ${votesText(c.votes)}.`}</li>
        ))}
      </ul>
      <p>Put the choice back to keep its votes, or confirm:</p>
      <button type="submit" name="confirmVoteDeletion" value={voteDeletionValue(choices)} className="button danger">
        Remove and delete {votesText(total)}
      </button>
    </div>
  );
}

function votesText(count: number): string {
  return count === 1 ? "1 vote" : `${count} votes`;
}
