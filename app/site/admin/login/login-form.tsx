"use client";

import { useActionState } from "react";
import { platformSignInAction, type PlatformSignInState } from "./actions";

/** A plain form posted to a server action: signing in needs no JavaScript; with it, no full reload. */
export function LoginForm({ callbackUrl, notice }: { callbackUrl: string; notice?: string }) {
  const [state, formAction, pending] = useActionState<PlatformSignInState, FormData>(platformSignInAction, { ok: false });
  const errors = state.fieldErrors ?? {};
  const message = state.message ?? (state.fieldErrors ? undefined : notice);

  return (
    <form className="card stack" action={formAction} noValidate>
      {message && (
        <p className="alert error" role="alert">
          {message}
        </p>
      )}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div className="field">
        <label htmlFor="username">Username</label>
        <input id="username" name="username" type="text" autoComplete="username" required defaultValue={state.values?.username} />
        {errors.username && <p className="field-error">{errors.username}</p>}
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
        {errors.password && <p className="field-error">{errors.password}</p>}
      </div>
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
