"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" className="button secondary small" onClick={() => void signOut({ callbackUrl: "/admin/login" })}>
      Sign out
    </button>
  );
}
