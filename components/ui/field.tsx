// A form control with its label, hint and error, tied together with aria-describedby and aria-invalid. The error
// has the id `<id>-error` (specs and error summaries link to it); with `maxLength` the field also shows a live
// character counter (the limit itself comes from the zod schema that checks the value on the server).
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { CharacterCount } from "./character-count";
import { cx } from "./cx";

export const controlClass = cx(
  "block w-full min-h-11 rounded-lg border border-field bg-white px-3 py-2 text-base text-ink",
  "aria-invalid:border-danger aria-invalid:ring-1 aria-invalid:ring-danger placeholder:text-slate-500",
);

/** The props that tie a control to its hint and error (the error first: it is what the reader needs now). */
export function describedBy(id: string, { hint, error }: { hint?: ReactNode; error?: string }) {
  const ids = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(" ");
  return { ...(error ? { "aria-invalid": true as const } : {}), ...(ids ? { "aria-describedby": ids } : {}) };
}

/** The error below a control (or below a group of them: a fieldset's `<id>-error`). */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="text-sm font-medium text-danger">
      {message}
    </p>
  );
}

type FrameProps = { id: string; label: ReactNode; hint?: ReactNode; error?: string; labelHidden?: boolean; children: ReactNode; counter?: ReactNode };

/** Label, control (the children), hint and error, stacked. */
export function Field({ id, label, hint, error, labelHidden, children, counter }: FrameProps) {
  return (
    <div className="grid gap-1.5">
      <label htmlFor={id} className={labelHidden ? "sr-only" : "font-semibold"}>
        {label}
      </label>
      {children}
      {(hint || counter) && (
        <div className="flex items-start justify-between gap-3 text-sm text-muted">
          {hint ? <p id={`${id}-hint`}>{hint}</p> : <span />}
          {counter}
        </div>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

type Common = { id: string; label: ReactNode; hint?: ReactNode; error?: string; labelHidden?: boolean };

/** A labelled <input>. Give `maxLength` for fields the schema limits: the browser stops there and a counter shows. */
export function TextField({ id, label, hint, error, labelHidden, className, type = "text", ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const initial = typeof input.defaultValue === "string" ? input.defaultValue.length : 0;
  return (
    <Field
      id={id}
      label={label}
      hint={hint}
      error={error}
      labelHidden={labelHidden}
      counter={input.maxLength ? <CharacterCount inputId={id} max={input.maxLength} initial={initial} /> : undefined}
    >
      <input id={id} name={id} type={type} className={cx(controlClass, className)} {...describedBy(id, { hint, error })} {...input} />
    </Field>
  );
}

/** A labelled <textarea>, with the same counter as TextField. */
export function TextAreaField({ id, label, hint, error, labelHidden, className, ...area }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const initial = typeof area.defaultValue === "string" ? area.defaultValue.length : 0;
  return (
    <Field
      id={id}
      label={label}
      hint={hint}
      error={error}
      labelHidden={labelHidden}
      counter={area.maxLength ? <CharacterCount inputId={id} max={area.maxLength} initial={initial} /> : undefined}
    >
      <textarea id={id} name={id} rows={3} className={cx(controlClass, className)} {...describedBy(id, { hint, error })} {...area} />
    </Field>
  );
}

/** A labelled <select>. */
export function SelectField({ id, label, hint, error, labelHidden, className, ...select }: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Field id={id} label={label} hint={hint} error={error} labelHidden={labelHidden}>
      <select id={id} name={id} className={cx(controlClass, "w-auto", className)} {...describedBy(id, { hint, error })} {...select} />
    </Field>
  );
}
