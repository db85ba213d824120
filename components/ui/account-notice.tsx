"use client";

// The notice a sign-in or sign-out leaves for the next page (lib/auth/account-notice.ts). Rendered by the server, so
// it shows without JavaScript; with JavaScript it clears its cookie once shown, so the next page does not repeat it.
import { useEffect } from "react";
import { ACCOUNT_NOTICE_COOKIE } from "@/lib/auth/account-notice-cookie";
import { Alert } from "./alert";

export function AccountNotice({ text }: { text: string }) {
  useEffect(() => {
    document.cookie = `${ACCOUNT_NOTICE_COOKIE}=; Max-Age=0; path=/; SameSite=Lax`;
  }, [text]);
  return (
    <div className="mx-auto w-full max-w-6xl px-4 pt-4 sm:px-6">
      <Alert tone="success" data-testid="account-notice">
        {text}
      </Alert>
    </div>
  );
}
