"use client";
// One account's security controls on the users page: disable or enable it, and set a new password. Two forms
// sharing one answer, so Enter in the password field can never press "Disable". Both work without JavaScript.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { controlClass, FieldError } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";
import { ErrorSummary } from "@/components/ui/error-summary";
import type { AccountFormState } from "../actions";

type Props = {
  action: (prev: AccountFormState, formData: FormData) => Promise<AccountFormState>;
  username: string;
  disabled: boolean;
  self: boolean;
};

export function AccountForm({ action, username, disabled: initiallyDisabled, self }: Props) {
  const [state, formAction, pending] = useActionState(action, { ok: true });
  const disabled = state.ok && state.values?.disabled !== undefined ? state.values.disabled : initiallyDisabled;
  const passwordId = `password-${username}`;
  const passwordError = state.fieldErrors?.password;
  return (
    <div className="grid gap-2">
      {!self && (
        <div className="flex flex-wrap items-start gap-2">
          <form action={formAction}>
            <input type="hidden" name="intent" value={disabled ? "enable" : "disable"} />
            <Button type="submit" variant={disabled ? "secondary" : "danger"} size="sm" disabled={pending}>
              {disabled ? "Enable" : "Disable"}
              <span className="sr-only"> {username}</span>
            </Button>
          </form>
          <details className="grid gap-2" open={Boolean(passwordError) || undefined}>
            <summary className="cursor-pointer text-sm font-semibold text-brand">
              Set password<span className="sr-only"> of {username}</span>
            </summary>
            {passwordError && (
              <div className="mt-2">
                <ErrorSummary key={JSON.stringify(state)} title="The password was not set." errors={[{ id: passwordId, message: passwordError }]} />
              </div>
            )}
            <form action={formAction} className="mt-2 flex flex-wrap items-start gap-2" noValidate>
              <input type="hidden" name="intent" value="password" />
              <label htmlFor={passwordId} className="sr-only">
                New password for {username}
              </label>
              <div className="grid gap-1">
                <input
                  id={passwordId}
                  name="password"
                  type="password"
                  autoComplete="new-password"
                  className={`${controlClass} min-h-9 w-48 py-1`}
                  aria-invalid={passwordError ? true : undefined}
                  aria-describedby={passwordError ? `${passwordId}-error` : undefined}
                />
                <FieldError id={`${passwordId}-error`} message={passwordError} />
              </div>
              <Button type="submit" variant="secondary" size="sm" disabled={pending}>
                Set<span className="sr-only"> new password for {username}</span>
              </Button>
            </form>
          </details>
        </div>
      )}
      <FormStatus state={state} />
    </div>
  );
}
