// The core's expected failures: a taken slug, an unknown tenant, bad input. Their messages are readable
// as they stand (a form's error, a CLI's one line, an API's 4xx).
export class TenancyError extends Error {
  constructor(
    readonly code: "invalid" | "conflict" | "not_found",
    message: string,
  ) {
    super(message);
    this.name = "TenancyError";
  }
}
