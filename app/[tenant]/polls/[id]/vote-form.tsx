"use client";

import { useActionState } from "react";
import type { VoteState } from "./actions";

type Props = {
  action: (prev: VoteState, formData: FormData) => Promise<VoteState>;
  choices: { id: number; choiceText: string }[];
};

/** A plain form with radio buttons: it works with JavaScript off, and better with it on. */
export function VoteForm({ action, choices }: Props) {
  const [state, formAction, pending] = useActionState(action, { ok: true });
  const error = state.fieldErrors?.choice;
  return (
    <form action={formAction} className="stack vote-form" aria-label="Vote">
      {state.message && (
        <p className="alert error" role="alert">
          {state.message}
        </p>
      )}
      <fieldset className="choices" aria-describedby={error ? "choice-error" : undefined} aria-invalid={error ? true : undefined}>
        <legend className="sr-only">Your answer</legend>
        {choices.map((choice) => (
          <label key={choice.id} className="choice-option">
            <input type="radio" name="choice" value={choice.id} required />
            <span>{choice.choiceText}</span>
          </label>
        ))}
      </fieldset>
      {error && (
        <p id="choice-error" className="field-error">
          {error}
        </p>
      )}
      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Voting…" : "Vote"}
        </button>
      </div>
    </form>
  );
}
