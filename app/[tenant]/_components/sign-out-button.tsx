"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useHydrated } from "@/app/_components/use-hydrated";

export function SignOutButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      className="button small secondary"
      disabled={pending || !hydrated}
      onClick={async () => {
        setPending(true);
        // next-auth clears the host-only cookie on this tenant's host; the refresh re-renders signed out.
        await signOut({ redirect: false });
        router.push("/");
        router.refresh();
        setPending(false);
      }}
    >
      {pending ? "Logging out…" : "Log out"}
    </button>
  );
}
