// Where to go after signing in. Only a path on this same host is accepted: an absolute URL, a
// protocol-relative `//evil.example` or a backslash trick would make the login page an open redirect.

export function safeCallbackPath(raw: unknown, fallback = "/"): string {
  if (typeof raw !== "string" || raw.length > 2000) return fallback;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  // Control characters (a tab or newline inside `/\t/evil`) are dropped by URL parsers and can turn it into `//`.
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return fallback;
  try {
    const url = new URL(raw, "http://same-host.invalid");
    if (url.host !== "same-host.invalid") return fallback;
    // Normalising can itself produce `//evil` (`/.//evil`, `/a/..//evil`): check the result, not just the input.
    const path = `${url.pathname}${url.search}${url.hash}`;
    return path.startsWith("//") ? fallback : path;
  } catch {
    return fallback;
  }
}
