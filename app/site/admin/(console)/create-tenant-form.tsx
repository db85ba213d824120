"use client";

import { useActionState } from "react";
import type { CreateTenantField } from "@/lib/platform/tenant-forms";
import { createTenantAction } from "./actions";

export function CreateTenantForm({ rootDomain }: { rootDomain: string }) {
  const [state, formAction, pending] = useActionState(createTenantAction, null);
  const failed = state && !state.ok ? state : null;
  const error = (field: CreateTenantField) => failed?.fieldErrors[field];

  return (
    <form className="card stack" action={formAction} noValidate>
      {state?.ok && (
        <p className="alert success" role="status">
          Created {state.name}: <a href={state.origin}>{`${state.slug}.${rootDomain}`}</a>
        </p>
      )}
      {failed?.formError && (
        <p className="alert error" role="alert">
          {failed.formError}
        </p>
      )}
      <Field name="name" label="Name" hint="Shown on the tenant's site, e.g. Thor." error={error("name")} value={failed?.values.name} />
      <Field
        name="slug"
        label="Slug"
        hint={`Its subdomain and schema name: lowercase letters, digits and _, starting with a letter (<slug>.${rootDomain}).`}
        error={error("slug")}
        value={failed?.values.slug}
      />
      <Field
        name="domain"
        label="Custom domain (optional)"
        hint="An extra host name that serves this tenant, e.g. polls.example.com."
        error={error("domain")}
        value={failed?.values.domain}
      />
      <div>
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create tenant"}
        </button>
      </div>
    </form>
  );
}

function Field(props: { name: CreateTenantField; label: string; hint: string; error?: string; value?: string }) {
  const hintId = `${props.name}-hint`;
  const errorId = `${props.name}-error`;
  return (
    <div className="field">
      <label htmlFor={props.name}>{props.label}</label>
      <input
        id={props.name}
        name={props.name}
        type="text"
        // Keyed on the submitted value so React resets the input to it after each submission.
        key={props.value ?? ""}
        defaultValue={props.value ?? ""}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${errorId} ${hintId}` : hintId}
        autoComplete="off"
      />
      {props.error && (
        <p id={errorId} className="field-error">
          {props.error}
        </p>
      )}
      <p id={hintId} className="muted" style={{ margin: 0, fontSize: "0.9rem" }}>
        {props.hint}
      </p>
    </div>
  );
}
