"use client";

import { useFormStatus } from "react-dom";
import { platformSignOutAction } from "../login/actions";

/** A form of its own, posted to a server action: signing out needs no JavaScript. */
export function SignOutButton() {
  return (
    <form action={platformSignOutAction} className="inline-form">
      <SubmitButton />
    </form>
  );
}

function SubmitButton() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className="button secondary small" disabled={pending}>
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
