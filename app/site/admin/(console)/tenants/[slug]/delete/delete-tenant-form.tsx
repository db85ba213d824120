"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import type { DeleteTenantFormState } from "@/lib/platform/tenant-forms";

type Action = (prev: DeleteTenantFormState, formData: FormData) => Promise<DeleteTenantFormState>;

export function DeleteTenantForm({ slug, action }: { slug: string; action: Action }) {
  const [state, formAction, pending] = useActionState(action, null);
  const error = state?.fieldErrors.confirmation;

  return (
    <form className="grid gap-4" action={formAction} noValidate aria-label="Delete tenant">
      {state && (state.formError || error) && (
        <ErrorSummary key={JSON.stringify(state)} title={state.formError ?? "Nothing was deleted."} errors={error ? [{ id: "confirmation", message: error }] : []} />
      )}
      <TextField
        id="confirmation"
        label={
          <>
            Type <span className="font-mono">{slug}</span> to confirm
          </>
        }
        autoComplete="off"
        error={error}
      />
      <div>
        <Button type="submit" variant="danger" disabled={pending} className="w-full sm:w-auto">
          {pending ? "Deleting…" : "Delete tenant"}
        </Button>
      </div>
    </form>
  );
}
