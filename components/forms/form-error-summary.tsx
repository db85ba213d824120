"use client";
// The error summary (components/ui/error-summary.tsx) of a form whose server action answers a FormState: the
// answer's message as its title (or `title`), and each field error, named by its field's label, linked to it.
import { ErrorSummary } from "@/components/ui/error-summary";
import type { FormState } from "@/lib/polls/form-state";

type Props = {
  state: FormState<unknown>;
  title: string;
  /** Each field's name in the answer → the id of its control (the link's target) and its label. */
  fields: Record<string, { id: string; label: string }>;
};

export function FormErrorSummary({ state, title, fields }: Props) {
  if (state.ok) return null;
  const errors = Object.entries(state.fieldErrors ?? {}).map(([name, message]) => {
    const field = fields[name];
    return field ? { id: field.id, message: `${field.label}: ${message}` } : { id: name, message };
  });
  if (!state.message && errors.length === 0) return null;
  // Keyed on the answer: a new summary (which takes focus) for each refusal.
  return <ErrorSummary key={JSON.stringify(state)} title={state.message ?? title} errors={errors} />;
}
