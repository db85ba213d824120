"use client";
// The platform admin's forms on one tenant's page. Each shows its answer beside itself, and each is a plain
// form posting to a server action, so all of them work without JavaScript. A refused form starts with an error summary.
import { useActionState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormErrorSummary } from "@/components/forms/form-error-summary";
import { FormStatus } from "@/components/forms/form-status";
import type { TenantFormState } from "@/lib/platform/tenant-forms";

type Action = (prev: TenantFormState, formData: FormData) => Promise<TenantFormState>;
const INITIAL: TenantFormState = { ok: true };

export function DomainsForm({ action, domains }: { action: Action; domains: { domain: string; isPrimary: boolean }[] }) {
  const [state, formAction, pending] = useActionState(action, INITIAL);
  return (
    <div className="grid gap-3">
      {domains.length === 0 ? (
        <p className="text-muted">No custom domains: the site answers on its subdomain only.</p>
      ) : (
        <ul className="grid gap-2" aria-label="Custom domains">
          {domains.map(({ domain, isPrimary }) => (
            <li key={domain} className="flex flex-wrap items-center gap-2" data-domain={domain}>
              <span className="font-mono break-all">{domain}</span>
              {isPrimary && <Badge tone="soft">primary</Badge>}
              <form action={formAction} className="ml-auto flex flex-wrap gap-2">
                <input type="hidden" name="domain" value={domain} />
                {!isPrimary && (
                  <Button type="submit" name="intent" value="primary" variant="secondary" size="sm" disabled={pending}>
                    Make primary<span className="sr-only"> {domain}</span>
                  </Button>
                )}
                <Button type="submit" name="intent" value="remove" variant="danger" size="sm" disabled={pending}>
                  Remove<span className="sr-only"> {domain}</span>
                </Button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <FormStatus state={state} />
    </div>
  );
}

export function AddDomainForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, INITIAL);
  const key = state.values?.domain ?? "";
  return (
    <form action={formAction} className="grid gap-3" noValidate aria-label="Add a domain">
      <FormErrorSummary state={state} title="The domain was not added." fields={{ domain: { id: "add-domain", label: "New custom domain" } }} />
      <TextField
        id="add-domain"
        name="domain"
        label="New custom domain"
        hint="A host name outside the platform's own domain, e.g. polls.example.com."
        defaultValue={key}
        key={key}
        error={state.fieldErrors?.domain}
        autoComplete="off"
      />
      <label className="flex items-center gap-2">
        <input type="checkbox" name="primary" className="size-5" /> Make it the primary domain
      </label>
      <FormStatus state={state.ok ? state : null} />
      <div>
        <Button type="submit" variant="secondary" disabled={pending}>
          Add domain
        </Button>
      </div>
    </form>
  );
}

export function FirstAdminForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, INITIAL);
  const values = state.ok ? { username: "", email: "" } : (state.values ?? { username: "", email: "" });
  const key = JSON.stringify([state.ok, values]);
  return (
    <form action={formAction} className="grid gap-3" noValidate aria-label="First admin">
      <FormErrorSummary
        state={state}
        title="No admin was created."
        fields={{
          username: { id: "admin-username", label: "Username" },
          email: { id: "admin-email", label: "Email" },
          password: { id: "admin-password", label: "Password" },
        }}
      />
      <TextField id="admin-username" name="username" label="Username" defaultValue={values.username} key={`u${key}`} error={state.fieldErrors?.username} autoComplete="off" />
      <TextField id="admin-email" name="email" type="email" label="Email (optional)" defaultValue={values.email} key={`e${key}`} error={state.fieldErrors?.email} autoComplete="off" />
      <TextField
        id="admin-password"
        name="password"
        type="password"
        label="Password"
        hint="At least 8 characters. Give it to the admin; they can sign in at once."
        error={state.fieldErrors?.password}
        autoComplete="new-password"
      />
      <FormStatus state={state.ok ? state : null} />
      <div>
        <Button type="submit" disabled={pending}>
          Create admin
        </Button>
      </div>
    </form>
  );
}

export function RenameTenantForm({ action, slug }: { action: Action; slug: string }) {
  const [state, formAction, pending] = useActionState(action, INITIAL);
  const key = state.values?.newSlug ?? "";
  return (
    <form action={formAction} className="grid gap-3" noValidate aria-label="Rename">
      <FormErrorSummary
        state={state}
        title="The tenant was not renamed."
        fields={{ newSlug: { id: "newSlug", label: "New slug" }, confirmation: { id: "rename-confirmation", label: "Confirmation" } }}
      />
      <TextField
        id="newSlug"
        label="New slug"
        hint="Its new subdomain and schema name. The old address stops answering at once; custom domains keep working."
        defaultValue={key}
        key={`s${key}`}
        error={state.fieldErrors?.newSlug}
        autoComplete="off"
        spellCheck={false}
      />
      <TextField
        id="rename-confirmation"
        name="confirmation"
        label={
          <>
            Type <span className="font-mono">{slug}</span> to confirm
          </>
        }
        key={`c${JSON.stringify(state)}`}
        error={state.fieldErrors?.confirmation}
        autoComplete="off"
        spellCheck={false}
      />
      <FormStatus state={state.ok ? state : null} />
      <div>
        <Button type="submit" variant="danger" disabled={pending}>
          Rename tenant
        </Button>
      </div>
    </form>
  );
}
