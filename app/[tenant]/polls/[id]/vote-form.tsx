"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { FieldError } from "@/components/ui/field";
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
    <form action={formAction} className="grid gap-4" aria-label="Vote">
      {(state.message || error) && (
        <ErrorSummary key={JSON.stringify(state)} title={state.message ?? "Your vote was not counted."} errors={error ? [{ id: "choice-error", message: error }] : []} />
      )}
      <fieldset className="grid gap-2" aria-describedby={error ? "choice-error" : undefined} aria-invalid={error ? true : undefined}>
        <legend className="sr-only">Your answer</legend>
        {choices.map((choice) => (
          <label
            key={choice.id}
            className="flex min-h-12 cursor-pointer items-center gap-3 rounded-lg border border-line bg-surface px-4 py-3 hover:border-brand has-checked:border-brand has-checked:bg-brand-soft"
          >
            <input type="radio" name="choice" value={choice.id} required className="size-5 shrink-0 accent-brand" />
            <span>{choice.choiceText}</span>
          </label>
        ))}
      </fieldset>
      <FieldError id="choice-error" message={error} />
      <div>
        <Button type="submit" disabled={pending} className="w-full sm:w-auto">
          {pending ? "Voting…" : "Vote"}
        </Button>
      </div>
    </form>
  );
}
