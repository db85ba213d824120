"use client";

import { useFormStatus } from "react-dom";
import { Button } from "@/components/ui/button";
import { signOutAction } from "../login/actions";

/** A form of its own, posted to a server action: signing out needs no JavaScript. */
export function SignOutButton({ label = "Log out", next = "/" }: { label?: string; next?: string }) {
  return (
    <form action={signOutAction} className="contents">
      <input type="hidden" name="next" value={next} />
      <SubmitButton label={label} />
    </form>
  );
}

function SubmitButton({ label }: { label: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant="secondary" size="sm" disabled={pending}>
      {pending ? "Logging out…" : label}
    </Button>
  );
}
