/** The cookie's name, shared by the server (lib/auth/account-notice.ts) and the script that clears it. */
export const ACCOUNT_NOTICE_COOKIE = "account-notice";
