"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { useHydrated } from "@/app/_components/use-hydrated";
import { FieldError, describedBy } from "../_components/field-error";

type Errors = { username?: string; password?: string; form?: string };

export function LoginForm({ callbackPath }: { callbackPath: string }) {
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const username = String(data.get("username") ?? "").trim();
    const password = String(data.get("password") ?? "");
    const missing: Errors = {
      ...(username ? {} : { username: "Enter your username" }),
      ...(password ? {} : { password: "Enter your password" }),
    };
    setErrors(missing);
    if (missing.username || missing.password) return;

    setPending(true);
    const result = await signIn("credentials", { username, password, redirect: false });
    if (result?.ok && !result.error) {
      // A full load, so every server component renders with the new session.
      window.location.assign(callbackPath);
      return;
    }
    setPending(false);
    const message = !result?.error || result.error === "CredentialsSignin" ? "Wrong username or password." : result.error;
    setErrors({ form: message });
  }

  return (
    <form className="stack" method="post" onSubmit={submit} noValidate aria-label="Log in">
      {errors.form && (
        <p className="alert error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="field">
        <label htmlFor="username">Username</label>
        <input id="username" name="username" type="text" autoComplete="username" autoFocus {...describedBy("username-error", errors.username)} />
        <FieldError id="username-error" message={errors.username} />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" {...describedBy("password-error", errors.password)} />
        <FieldError id="password-error" message={errors.password} />
      </div>
      <button type="submit" className="button" disabled={pending || !hydrated}>
        {pending ? "Logging in…" : "Log in"}
      </button>
    </form>
  );
}
