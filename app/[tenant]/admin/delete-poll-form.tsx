"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/polls/form-state";

/** The confirm step's form: a plain post that says "delete", so it needs no JavaScript and no dialog. */
export function DeletePollForm({ action, votes }: { action: (prev: FormState, formData: FormData) => Promise<FormState>; votes: number }) {
  const [state, formAction, pending] = useActionState(action, { ok: true });
  return (
    <form action={formAction} aria-label="Delete poll">
      {state.message && (
        <p className="alert error" role="alert">
          {state.message}
        </p>
      )}
      <input type="hidden" name="confirm" value="delete" />
      <button type="submit" className="button danger" disabled={pending}>
        {pending ? "Deleting…" : `Delete the poll and its ${votes === 1 ? "1 vote" : `${votes} votes`}`}
      </button>
    </form>
  );
}
