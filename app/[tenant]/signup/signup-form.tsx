"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import { EMAIL_MAX, PASSWORD_MAX, PASSWORD_MIN, USERNAME_MAX } from "@/lib/auth/limits";
import type { SignUpState } from "./actions";

type Props = { action: (prev: SignUpState, formData: FormData) => Promise<SignUpState>; callbackPath: string };

const FIELDS = ["username", "email", "password"] as const;

/**
 * The account is created and signed in by one server action, which then redirects to `callbackPath`:
 * the same with JavaScript off, where the form is a plain HTML post.
 */
export function SignUpForm({ action, callbackPath }: Props) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const errors = state.fieldErrors ?? {};
  const fieldErrors = FIELDS.flatMap((f) => (errors[f] ? [{ id: f, message: errors[f] }] : []));

  if (state.ok) {
    // Created, but not signed in (the sign-in throttle refused): the visitor logs in by hand.
    return (
      <Alert tone="success" role="status" as="div">
        Account <strong>{state.values?.username}</strong> created. {state.message}{" "}
        <Link href={`/login?callbackUrl=${encodeURIComponent(callbackPath)}`}>Log in to continue</Link>
      </Alert>
    );
  }

  return (
    <form action={formAction} className="grid gap-4" noValidate aria-label="Sign up">
      <input type="hidden" name="callbackUrl" value={callbackPath} />
      {(state.message || fieldErrors.length > 0) && (
        <ErrorSummary key={JSON.stringify(state)} title={state.message ?? "The account was not created yet."} errors={fieldErrors} />
      )}
      <TextField
        id="username"
        label="Username"
        autoComplete="username"
        maxLength={USERNAME_MAX}
        hint="Letters a–z, digits and . @ + - _"
        defaultValue={state.values?.username}
        error={errors.username}
      />
      <TextField
        id="email"
        type="email"
        label={
          <>
            Email <span className="font-normal text-muted">(optional)</span>
          </>
        }
        autoComplete="email"
        maxLength={EMAIL_MAX}
        showCount={false}
        defaultValue={state.values?.email}
        error={errors.email}
      />
      <TextField
        id="password"
        type="password"
        label="Password"
        autoComplete="new-password"
        maxLength={PASSWORD_MAX}
        showCount={false}
        hint={`At least ${PASSWORD_MIN} characters.`}
        error={errors.password}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Creating account…" : "Create account"}
      </Button>
    </form>
  );
}
