"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import type { FormState } from "@/lib/polls/form-state";

/** The confirm step's form: a plain post that says "delete", so it needs no JavaScript and no dialog. */
export function DeletePollForm({ action, votes }: { action: (prev: FormState, formData: FormData) => Promise<FormState>; votes: number }) {
  const [state, formAction, pending] = useActionState(action, { ok: true });
  return (
    <form action={formAction} aria-label="Delete poll" className="grid gap-3">
      {state.message && <ErrorSummary key={JSON.stringify(state)} title={state.message} />}
      <input type="hidden" name="confirm" value="delete" />
      <div>
        <Button type="submit" variant="danger" disabled={pending} className="w-full sm:w-auto">
          {pending ? "Deleting…" : `Delete the poll and its ${votes === 1 ? "1 vote" : `${votes} votes`}`}
        </Button>
      </div>
    </form>
  );
}
