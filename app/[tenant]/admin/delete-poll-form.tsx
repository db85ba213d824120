"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/polls/form-state";

export function DeletePollForm({ action }: { action: () => Promise<FormState> }) {
  const [state, formAction, pending] = useActionState(action, { ok: true });
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm("Delete this poll and all its votes?")) event.preventDefault();
      }}
    >
      {state.message && (
        <p className="alert error" role="alert">
          {state.message}
        </p>
      )}
      <button type="submit" className="button danger" disabled={pending}>
        {pending ? "Deleting…" : "Delete poll"}
      </button>
    </form>
  );
}
