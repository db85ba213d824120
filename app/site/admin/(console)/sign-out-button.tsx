"use client";

import { signOut } from "next-auth/react";
import { useHydrated } from "@/app/_components/use-hydrated";

export function SignOutButton() {
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      className="button secondary small"
      disabled={!hydrated}
      onClick={() => void signOut({ callbackUrl: "/admin/login" })}
    >
      Sign out
    </button>
  );
}
