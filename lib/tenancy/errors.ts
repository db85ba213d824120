// The core's expected failures: a taken slug, an unknown tenant, bad input. Their messages are readable
// as they stand (a form's error, a CLI's one line, an API's 4xx).
export class TenancyError extends Error {
  constructor(
    readonly code: "invalid" | "conflict" | "not_found",
    message: string,
    /** The input the failure is about, where it is one of a tenant's (a form shows the message beside it). */
    readonly field?: "slug" | "domain",
  ) {
    super(message);
    this.name = "TenancyError";
  }
}
