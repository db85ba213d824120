// The state a server action hands back to its form: field errors keyed by field name ("question",
// "choices", "choices.2"), a message for the whole form, and the values to show again (React resets
// a form after its action runs, and without JavaScript the page is rendered anew).
import type { z } from "zod";

export type FieldErrors = Record<string, string>;

export type FormState<Values = Record<string, unknown>> = {
  ok: boolean;
  message?: string;
  fieldErrors?: FieldErrors;
  values?: Values;
};

/** The first message for each field path of a failed zod parse. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    errors[key] ??= issue.message;
  }
  return errors;
}

/** A form field as a string (a missing field or a file becomes ""). */
export function textField(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}
