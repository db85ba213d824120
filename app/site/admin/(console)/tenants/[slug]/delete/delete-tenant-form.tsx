"use client";

import { useActionState } from "react";
import type { DeleteTenantFormState } from "@/lib/platform/tenant-forms";

type Action = (prev: DeleteTenantFormState, formData: FormData) => Promise<DeleteTenantFormState>;

export function DeleteTenantForm({ slug, action }: { slug: string; action: Action }) {
  const [state, formAction, pending] = useActionState(action, null);
  const error = state?.fieldErrors.confirmation;

  return (
    <form className="card stack" action={formAction} noValidate>
      {state?.formError && (
        <p className="alert error" role="alert">
          {state.formError}
        </p>
      )}
      <div className="field">
        <label htmlFor="confirmation">
          Type <span className="mono">{slug}</span> to confirm
        </label>
        <input
          id="confirmation"
          name="confirmation"
          type="text"
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "confirmation-error" : undefined}
        />
        {error && (
          <p id="confirmation-error" className="field-error">
            {error}
          </p>
        )}
      </div>
      <div>
        <button className="button danger" type="submit" disabled={pending}>
          {pending ? "Deleting…" : "Delete tenant"}
        </button>
      </div>
    </form>
  );
}
