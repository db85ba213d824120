/** The sign-in throttle's "tenant" for platform sign-ins: not a valid slug, so it never shares a tenant's budget. */
export const PLATFORM_THROTTLE_KEY = "(platform)";
