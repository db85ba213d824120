"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useActionState, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { FieldError, describedBy } from "../_components/field-error";
import type { SignUpState } from "./actions";

const subscribeNever = () => () => {};

type Props = { action: (prev: SignUpState, formData: FormData) => Promise<SignUpState>; callbackPath: string };

/**
 * The account is created by a server action (so this form works without JavaScript too); with
 * JavaScript the new user is then signed in through next-auth and sent on to `callbackPath`.
 */
export function SignUpForm({ action, callbackPath }: Props) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const password = useRef("");
  const [signInFailed, setSignInFailed] = useState(false);
  // False in the server's HTML: without JavaScript nobody signs the new user in automatically.
  const hydrated = useSyncExternalStore(subscribeNever, () => true, () => false);
  const errors = state.fieldErrors ?? {};

  useEffect(() => {
    if (!state.ok || !state.values?.username) return;
    void signIn("credentials", { username: state.values.username, password: password.current, redirect: false }).then((result) => {
      password.current = "";
      if (result?.ok && !result.error) window.location.assign(callbackPath);
      else setSignInFailed(true);
    });
  }, [state, callbackPath]);

  if (state.ok) {
    return (
      <div className="alert success" role="status">
        Account <strong>{state.values?.username}</strong> created.{" "}
        {hydrated && !signInFailed ? (
          "Signing you in…"
        ) : (
          // Without JavaScript (or if signing in failed) the visitor logs in by hand.
          <Link href={`/login?callbackUrl=${encodeURIComponent(callbackPath)}`}>Log in to continue</Link>
        )}
      </div>
    );
  }

  return (
    <form
      action={formAction}
      className="stack"
      noValidate
      aria-label="Sign up"
      onSubmit={(event) => {
        password.current = String(new FormData(event.currentTarget).get("password") ?? "");
      }}
    >
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
