"use client";

import { useFormStatus } from "react-dom";
import { Button } from "@/components/ui/button";
import { platformSignOutAction } from "./admin/login/actions";

/** A form of its own, posted to a server action: signing out needs no JavaScript. */
export function SignOutButton() {
  return (
    <form action={platformSignOutAction} className="contents">
      <SubmitButton />
    </form>
  );
}

function SubmitButton() {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant="secondary" size="sm" disabled={pending}>
      {pending ? "Signing out…" : "Sign out"}
    </Button>
  );
}
