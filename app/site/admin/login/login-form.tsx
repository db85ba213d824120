"use client";

import { useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { useHydrated } from "@/app/_components/use-hydrated";

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      username: String(form.get("username") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      // A full load, so the server renders the admin pages with the new session cookie.
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    // next-auth reports a refused password as "CredentialsSignin"; the throttle's refusal comes with its own message.
    setError(!result?.error || result.error === "CredentialsSignin" ? "Wrong username or password." : result.error);
  }

  return (
    <form className="card stack" method="post" onSubmit={submit} noValidate>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
      <div className="field">
        <label htmlFor="username">Username</label>
        <input id="username" name="username" type="text" autoComplete="username" required />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <button className="button" type="submit" disabled={pending || !hydrated}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
