"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { cardClass } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import { SIGN_IN_FIELD_MAX } from "@/lib/auth/limits";
import { platformSignInAction, type PlatformSignInState } from "./actions";

/** A plain form posted to a server action: signing in needs no JavaScript; with it, no full reload. */
export function LoginForm({ callbackUrl, notice }: { callbackUrl: string; notice?: string }) {
  const [state, formAction, pending] = useActionState<PlatformSignInState, FormData>(platformSignInAction, { ok: false });
  const errors = state.fieldErrors ?? {};
  const message = state.message ?? (state.fieldErrors ? undefined : notice);
  const fieldErrors = (["username", "password"] as const).flatMap((f) => (errors[f] ? [{ id: f, message: errors[f] }] : []));

  return (
    <form className={cx(cardClass(), "grid gap-4")} action={formAction} noValidate aria-label="Sign in">
      {(message || fieldErrors.length > 0) && (
        <ErrorSummary key={JSON.stringify(state)} title={message ?? "You are not signed in yet."} errors={fieldErrors} />
      )}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField
        id="username"
        label="Username"
        autoComplete="username"
        required
        maxLength={SIGN_IN_FIELD_MAX}
        showCount={false}
        defaultValue={state.values?.username}
        error={errors.username}
      />
      <TextField id="password" label="Password" type="password" autoComplete="current-password" required maxLength={SIGN_IN_FIELD_MAX} showCount={false} error={errors.password} />
      <Button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
