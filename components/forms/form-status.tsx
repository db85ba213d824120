// The answer of a server action, shown beside the form it concerns: role="status" for a done, role="alert"
// for a refusal. Rendered by the server too, so it reads the same with JavaScript off.
import type { FormState } from "@/lib/polls/form-state";

export function FormStatus({ state, id }: { state: FormState<unknown> | null; id?: string }) {
  if (!state?.message) return null;
  return (
    <p
      id={id}
      role={state.ok ? "status" : "alert"}
      className={state.ok ? "rounded-lg bg-success-soft px-3 py-2 text-sm text-success" : "rounded-lg bg-danger-soft px-3 py-2 text-sm font-medium text-danger"}
    >
      {state.message}
    </p>
  );
}
