"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import { SIGN_IN_FIELD_MAX } from "@/lib/auth/limits";
import { signInAction, type SignInState } from "./actions";

/**
 * A plain form posted to a server action: it signs in with JavaScript off too. With JavaScript, React
 * posts it in place and follows the action's redirect without a full reload.
 */
export function LoginForm({ callbackPath, notice }: { callbackPath: string; notice?: string }) {
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInAction, { ok: false });
  const errors = state.fieldErrors ?? {};
  const message = state.message ?? (state.fieldErrors ? undefined : notice);
  const fieldErrors = (["username", "password"] as const).flatMap((f) => (errors[f] ? [{ id: f, message: errors[f] }] : []));

  return (
    <form className="grid gap-4" action={formAction} noValidate aria-label="Log in">
      {(message || fieldErrors.length > 0) && (
        <ErrorSummary key={JSON.stringify(state)} title={message ?? "You are not signed in yet."} errors={fieldErrors} />
      )}
      <input type="hidden" name="callbackUrl" value={callbackPath} />
      <TextField
        id="username"
        label="Username"
        autoComplete="username"
        autoFocus={!message && fieldErrors.length === 0}
        maxLength={SIGN_IN_FIELD_MAX}
        showCount={false}
        defaultValue={state.values?.username}
        error={errors.username}
      />
      <TextField id="password" label="Password" type="password" autoComplete="current-password" maxLength={SIGN_IN_FIELD_MAX} showCount={false} error={errors.password} />
      <Button type="submit" disabled={pending}>
        {pending ? "Logging in…" : "Log in"}
      </Button>
    </form>
  );
}
