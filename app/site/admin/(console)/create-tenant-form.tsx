"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cardClass } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import type { CreateTenantField } from "@/lib/platform/tenant-forms";
import { createTenantAction } from "./actions";

type Props = { rootDomain: string; limits: Record<CreateTenantField, number> };

const LABELS: Record<CreateTenantField, string> = { name: "Name", slug: "Slug", domain: "Custom domain (optional)" };

export function CreateTenantForm({ rootDomain, limits }: Props) {
  const [state, formAction, pending] = useActionState(createTenantAction, null);
  const failed = state && !state.ok ? state : null;
  const error = (field: CreateTenantField) => failed?.fieldErrors[field];
  const fieldErrors = (Object.keys(LABELS) as CreateTenantField[]).flatMap((f) => {
    const message = error(f);
    return message ? [{ id: f, message: `${LABELS[f]}: ${message}` }] : [];
  });
  // Keyed on the submitted value so React resets each input to it after each submission.
  const field = (name: CreateTenantField, hint: string) => (
    <TextField
      key={`${name}:${failed?.values[name] ?? ""}`}
      id={name}
      label={LABELS[name]}
      hint={hint}
      error={error(name)}
      defaultValue={failed?.values[name] ?? ""}
      maxLength={limits[name]}
      autoComplete="off"
    />
  );

  return (
    <form className={cx(cardClass(), "grid gap-4")} action={formAction} noValidate aria-label="Create a tenant">
      {state?.ok && (
        <Alert tone="success" role="status">
          Created {state.name}: <a href={state.origin}>{`${state.slug}.${rootDomain}`}</a>
        </Alert>
      )}
      {failed && (failed.formError || fieldErrors.length > 0) && (
        <ErrorSummary key={JSON.stringify(state)} title={failed.formError ?? "The tenant was not created."} errors={fieldErrors} />
      )}
      {field("name", "Shown on the tenant's site, e.g. Thor.")}
      {field("slug", `Its subdomain and schema name: lowercase letters, digits and _, starting with a letter (<slug>.${rootDomain}).`)}
      {field("domain", "An extra host name that serves this tenant, e.g. polls.example.com.")}
      <div>
        <Button type="submit" disabled={pending} className="w-full sm:w-auto">
          {pending ? "Creating…" : "Create tenant"}
        </Button>
      </div>
    </form>
  );
}
