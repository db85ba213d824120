import { describe, expect, it } from "vitest";
import { readJsonBody } from "@/lib/api/body";
import { ApiError } from "@/lib/api/errors";

function post(body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }) {
  return new Request("http://localhost/api/polls", { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

/** A body that arrives in chunks with no Content-Length, as a chunked upload does. */
function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("readJsonBody", () => {
  it("parses a JSON object, with a charset or a +json type", async () => {
    expect(await readJsonBody(post('{"question":"Tea?"}'))).toEqual({ question: "Tea?" });
    expect(await readJsonBody(post('{"a":1}', { "content-type": "application/json; charset=utf-8" }))).toEqual({ a: 1 });
    expect(await readJsonBody(post('{"a":1}', { "content-type": "application/vnd.api+json" }))).toEqual({ a: 1 });
  });

  it("refuses other content types with 415, and a missing one unless the body may be empty", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx"]) {
      expect((await failure(readJsonBody(post('{"a":1}', { "content-type": type })))).status).toBe(415);
    }
    expect((await failure(readJsonBody(post('{"a":1}', {})))).status).toBe(415);
    expect((await failure(readJsonBody(post('{"a":1}', {}), { allowEmpty: true }))).status).toBe(415);
    expect(await readJsonBody(post(null, {}), { allowEmpty: true })).toEqual({});
    expect((await failure(readJsonBody(post(null, {})))).status).toBe(415);
  });

  it("reads an empty body as {} where the body may be empty, whether or not it says it is JSON", async () => {
    for (const headers of [{ "content-type": "application/json" }, { "content-type": "application/json; charset=utf-8" }]) {
      expect(await readJsonBody(post("", headers), { allowEmpty: true })).toEqual({});
      expect(await readJsonBody(post(" \n", headers), { allowEmpty: true })).toEqual({});
      expect(await readJsonBody(post(null, headers), { allowEmpty: true })).toEqual({});
    }
    expect(await readJsonBody(post(null, {}), { allowEmpty: true })).toEqual({});
    for (const text of ["{", "null x", "'a'"]) {
      const error = await failure(readJsonBody(post(text), { allowEmpty: true }));
      expect([error.status, error.code]).toEqual([400, "invalid_json"]);
    }
  });

  it("answers malformed JSON and invalid UTF-8 with 400 invalid_json", async () => {
    for (const text of ["", "{", "{'a':1}", '{"a":1,}', "NaN", "[1,2"]) {
      const error = await failure(readJsonBody(post(text)));
      expect([error.status, error.code]).toEqual([400, "invalid_json"]);
    }
    const error = await failure(readJsonBody(post(new Uint8Array([0x7b, 0xff, 0x7d]))));
    expect(error.code).toBe("invalid_json");
  });

  it("refuses __proto__ keys at any depth, and pollutes nothing", async () => {
    for (const text of ['{"__proto__":{"admin":true}}', '{"question":"x","nested":{"__proto__":{"admin":true}}}', '[{"__proto__":1}]']) {
      const error = await failure(readJsonBody(post(text)));
      expect([error.status, error.code]).toEqual([400, "bad_request"]);
    }
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it("refuses NUL characters, which PostgreSQL text cannot store", async () => {
    for (const text of ['{"question":"a\\u0000b"}', '{"a\\u0000":1}']) {
      expect((await failure(readJsonBody(post(text)))).code).toBe("bad_request");
    }
  });

  it("answers absurdly deep nesting with a 400, not a crash", async () => {
    const deep = "[".repeat(30_000) + "]".repeat(30_000);
    expect((await failure(readJsonBody(post(deep)))).status).toBe(400);
  });

  it("caps the bytes read from the stream, whatever Content-Length says", async () => {
    const big = `{"question":"${"x".repeat(70 * 1024)}"}`;
    expect((await failure(readJsonBody(post(big)))).status).toBe(413);
    // Chunked, with no Content-Length at all: the reader stops at the cap.
    const chunked = post(streamOf([big.slice(0, 40_000), big.slice(40_000)]));
    expect((await failure(readJsonBody(chunked))).status).toBe(413);
    // A Content-Length that lies low does not let a larger stream through.
    const lying = post(streamOf([big]), { "content-type": "application/json", "content-length": "10" });
    expect((await failure(readJsonBody(lying))).status).toBe(413);
    // A declared length over the cap is refused before reading.
    const declared = post(streamOf(["{}"]), { "content-type": "application/json", "content-length": String(1 << 30) });
    expect((await failure(readJsonBody(declared))).status).toBe(413);
    expect(await readJsonBody(post(`{"q":"${"x".repeat(60 * 1024)}"}`))).toHaveProperty("q");
  });
});
