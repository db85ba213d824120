"use client";

import { useActionState, useRef, useState } from "react";
import { CHOICE_TEXT_MAX, MAX_CHOICES, QUESTION_MAX } from "@/lib/polls/schemas";
import type { PollFormValues } from "@/lib/polls/poll-form";
import { FieldError, describedBy } from "../_components/field-error";
import type { PollFormState } from "./actions";

type Props = {
  action: (prev: PollFormState, formData: FormData) => Promise<PollFormState>;
  initial: PollFormValues;
  submitLabel: string;
};

type Row = { key: number; id: number | null; text: string };

// Keys (and so element ids) are deterministic, so the server's HTML and the browser's render agree.
// Blank rows are dropped when posted, so a refused form may come back with fewer than two: pad it.
function rowsOf(values: PollFormValues, version: number): Row[] {
  const choices = [...values.choices];
  while (choices.length < 2) choices.push({ id: null, text: "" });
  return choices.map((c, index) => ({ key: version * 1000 + index, id: c.id, text: c.text }));
}

/**
 * Question and choices. Rows can be added and removed in the browser; a removed row with an id
 * deletes that choice (and its votes) when saved. Validation is the server's: nothing is saved
 * unless every field passes.
 */
export function PollForm({ action, initial, submitLabel }: Props) {
  const [state, formAction, pending] = useActionState(action, { ok: false, values: initial });
  const [version, setVersion] = useState(0);
  const [rows, setRows] = useState<Row[]>(() => rowsOf(initial, 0));
  const [shownState, setShownState] = useState(state);
  const added = useRef(0);
  // After a refused save, show what was sent (React resets the form once its action has run).
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

  return (
    <form action={formAction} className="stack poll-form" noValidate aria-label="Poll">
      {(state.message || hasErrors) && (
        <p className="alert error" role="alert">
          {state.message ?? "Nothing was saved. Fix the fields marked below."}
        </p>
      )}
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
          Between 2 and {MAX_CHOICES} choices, up to {CHOICE_TEXT_MAX} characters each.
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
                  type="button"
                  className="button small secondary"
                  onClick={() => setRows((current) => current.filter((r) => r.key !== row.key))}
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
          <button
            type="button"
            className="button small secondary"
            disabled={rows.length >= MAX_CHOICES}
            onClick={() => setRows((current) => [...current, { key: 900_000 + added.current++, id: null, text: "" }])}
          >
            + Add a choice
          </button>
        </div>
      </fieldset>

      <div className="actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </button>
      </div>
    </form>
  );
}
