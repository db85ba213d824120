"use client";
// A tenant's name, description, accent colour and logo: the tenant admin's /admin/settings and the platform
// admin's tenant page post it to their own actions (each re-checks who may). A refusal starts with an error summary;
// each error also appears beside its field.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import type { BrandingFormState, BrandingValues } from "@/lib/branding/branding-form";
import { FormErrorSummary } from "./form-error-summary";
import { FormStatus } from "./form-status";

const FIELDS = {
  name: { id: "name", label: "Display name" },
  description: { id: "description", label: "Short description" },
  accentColor: { id: "accentColor", label: "Accent colour" },
  logoUrl: { id: "logoUrl", label: "Logo URL" },
};

type Props = { action: (prev: BrandingFormState, formData: FormData) => Promise<BrandingFormState>; initial: BrandingValues };

export function BrandingForm({ action, initial }: Props) {
  const [state, formAction, pending] = useActionState(action, { ok: true });
  const values = state.values ?? initial;
  const error = (field: keyof BrandingValues) => state.fieldErrors?.[field];
  // Keyed on the answer so React shows the saved (or refused) values after each submission.
  const key = JSON.stringify(values);
  return (
    <form action={formAction} className="grid gap-4" noValidate aria-label="Branding">
      <FormErrorSummary state={state} title="The branding was not saved." fields={FIELDS} />
      <TextField id="name" label="Display name" defaultValue={values.name} key={`n${key}`} error={error("name")} maxLength={100} required />
      <TextAreaField
        id="description"
        label="Short description"
        hint="One or two sentences shown on the site's home page."
        defaultValue={values.description}
        key={`d${key}`}
        error={error("description")}
        maxLength={200}
      />
      <TextField
        id="accentColor"
        label="Accent colour"
        hint="# and six hex digits, e.g. #b91c1c. Empty: the default colour. Too light a colour is darkened to stay readable."
        defaultValue={values.accentColor}
        key={`c${key}`}
        error={error("accentColor")}
        maxLength={7}
        autoComplete="off"
        spellCheck={false}
      />
      <TextField
        id="logoUrl"
        label="Logo URL"
        hint="An https:// image address, or a path on this site such as /brand/logo.svg. Empty: the initial."
        defaultValue={values.logoUrl}
        key={`l${key}`}
        error={error("logoUrl")}
        maxLength={500}
        autoComplete="off"
        spellCheck={false}
      />
      <FormStatus state={state.ok ? state : null} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save branding"}
        </Button>
      </div>
    </form>
  );
}
