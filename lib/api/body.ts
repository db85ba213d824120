// Reading a JSON request body defensively: the content type must be JSON (415), the body is read
// from the stream with a byte cap whatever Content-Length claims (413), it must parse (400), and a
// `__proto__` key is refused outright (400) rather than trusted to every later consumer.
import { ApiError } from "@/lib/api/errors";

export const MAX_BODY_BYTES = 64 * 1024;

export type ReadJsonOptions = {
  maxBytes?: number;
  /** An empty body reads as `{}`, with or without a content type (for endpoints whose body is optional). */
  allowEmpty?: boolean;
};

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/;

export function isJsonContentType(header: string | null): boolean {
  const mediaType = header?.split(";")[0]?.trim().toLowerCase();
  return !!mediaType && JSON_TYPE.test(mediaType);
}

export async function readJsonBody(request: Request, { maxBytes = MAX_BODY_BYTES, allowEmpty = false }: ReadJsonOptions = {}): Promise<unknown> {
  const contentType = request.headers.get("content-type");
  if (contentType !== null && !isJsonContentType(contentType)) throw unsupportedMediaType();
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);

  const text = await readCapped(request, maxBytes);
  if (allowEmpty && text.trim() === "") return {};
  if (contentType === null) throw unsupportedMediaType();
  return parseJson(text);
}

/**
 * JSON.parse, with syntax errors, `__proto__` keys and NUL characters as 400s (PostgreSQL text
 * cannot hold NUL: let through, it would fail the insert with a 500).
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text, (key, value) => {
      if (key === "__proto__") throw new ApiError("bad_request", "The key __proto__ is not allowed");
      if (key.includes("\0") || (typeof value === "string" && value.includes("\0"))) {
        throw new ApiError("bad_request", "Text must not contain NUL characters");
      }
      return value;
    });
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError("invalid_json", "The request body is not valid JSON");
  }
}

async function readCapped(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ApiError("invalid_json", "The request body is not valid UTF-8");
  }
}

function unsupportedMediaType() {
  return new ApiError("unsupported_media_type", "Send the body as application/json");
}

function tooLarge(maxBytes: number) {
  return new ApiError("payload_too_large", `The request body is larger than ${maxBytes} bytes`);
}
