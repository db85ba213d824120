"use client";

import { useActionState } from "react";
import { FieldError, describedBy } from "../_components/field-error";
import { signInAction, type SignInState } from "./actions";

/**
 * A plain form posted to a server action: it signs in with JavaScript off too. With JavaScript, React
 * posts it in place and follows the action's redirect without a full reload.
 */
export function LoginForm({ callbackPath, notice }: { callbackPath: string; notice?: string }) {
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInAction, { ok: false });
  const errors = state.fieldErrors ?? {};
  const message = state.message ?? (state.fieldErrors ? undefined : notice);

  return (
    <form className="stack" action={formAction} noValidate aria-label="Log in">
      {message && (
        <p className="alert error" role="alert">
          {message}
        </p>
      )}
      <input type="hidden" name="callbackUrl" value={callbackPath} />
      <div className="field">
        <label htmlFor="username">Username</label>
        <input
          id="username"
          name="username"
          type="text"
          autoComplete="username"
          autoFocus
          defaultValue={state.values?.username}
          {...describedBy("username-error", errors.username)}
        />
        <FieldError id="username-error" message={errors.username} />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" {...describedBy("password-error", errors.password)} />
        <FieldError id="password-error" message={errors.password} />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Logging in…" : "Log in"}
      </button>
    </form>
  );
}
