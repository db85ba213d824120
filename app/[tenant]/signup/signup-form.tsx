"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FieldError, describedBy } from "../_components/field-error";
import type { SignUpState } from "./actions";

type Props = { action: (prev: SignUpState, formData: FormData) => Promise<SignUpState>; callbackPath: string };

/**
 * The account is created and signed in by one server action, which then redirects to `callbackPath`:
 * the same with JavaScript off, where the form is a plain HTML post.
 */
export function SignUpForm({ action, callbackPath }: Props) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const errors = state.fieldErrors ?? {};

  if (state.ok) {
    // Created, but not signed in (the sign-in throttle refused): the visitor logs in by hand.
    return (
      <div className="alert success" role="status">
        Account <strong>{state.values?.username}</strong> created. {state.message}{" "}
        <Link href={`/login?callbackUrl=${encodeURIComponent(callbackPath)}`}>Log in to continue</Link>
      </div>
    );
  }

  return (
    <form action={formAction} className="stack" noValidate aria-label="Sign up">
      <input type="hidden" name="callbackUrl" value={callbackPath} />
      {state.message && (
        <p className="alert error" role="alert">
          {state.message}
        </p>
      )}
      <div className="field">
        <label htmlFor="username">Username</label>
        <input
          id="username"
          name="username"
          type="text"
          autoComplete="username"
          defaultValue={state.values?.username}
          {...describedBy("username-error", errors.username)}
        />
        <FieldError id="username-error" message={errors.username} />
      </div>
      <div className="field">
        <label htmlFor="email">
          Email <span className="muted">(optional)</span>
        </label>
        <input id="email" name="email" type="email" autoComplete="email" defaultValue={state.values?.email} {...describedBy("email-error", errors.email)} />
        <FieldError id="email-error" message={errors.email} />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          {...describedBy("password-error", errors.password)}
          aria-describedby={errors.password ? "password-error" : "password-hint"}
        />
        <p id="password-hint" className="hint">
          At least 8 characters.
        </p>
        <FieldError id="password-error" message={errors.password} />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Creating account…" : "Create account"}
      </button>
    </form>
  );
}
