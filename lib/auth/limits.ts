// Length limits of account fields: the zod schemas (lib/auth/users.ts, lib/auth/options.ts) enforce them and the
// forms show them (maxlength, counters). A module of constants alone, so client components can import it.
export const USERNAME_MIN = 3;
export const USERNAME_MAX = 40;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;
export const EMAIL_MAX = 254;
/** Sign-in takes any stored name (older accounts may predate the rules), so it only caps the size. */
export const SIGN_IN_FIELD_MAX = 200;
