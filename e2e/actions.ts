// Calling a server action by hand, as a hostile client could: its id from the build's manifest, its
// arguments in React's reply encoding, sent to any host with any cookie.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { request, type HttpResponse } from "./http";

type Manifest = { node: Record<string, { filename: string; exportedName: string }> };

export function serverActionId(filename: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.resolve(".next/server/server-reference-manifest.json"), "utf8")) as Manifest;
  const entry = Object.entries(manifest.node).find(([, action]) => action.filename === filename && action.exportedName === exportedName);
  if (!entry) throw new Error(`no server action ${exportedName} in ${filename}`);
  return entry[0];
}

/**
 * Calls `(...leading, formData)` the way React's client does: part 0 is the JSON argument list, naming
 * FormData 1 (`$K1`), whose fields are sent prefixed `_1_`. A form action's `leading` is its bound
 * arguments, then the previous state (null).
 */
export function callFormAction(
  host: string,
  pathname: string,
  actionId: string,
  fields: Record<string, string>,
  { cookie = "", leading = [null] as unknown[] } = {},
): Promise<HttpResponse> {
  const boundary = `----e2e${randomBytes(8).toString("hex")}`;
  // The root part comes last: the server decodes while streaming, and resolves $K1 from the fields seen so far.
  const parts = [...Object.entries(fields).map(([name, value]) => [`_1_${name}`, value]), ["0", JSON.stringify([...leading, "$K1"])]];
  const body =
    parts.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") +
    `--${boundary}--\r\n`;
  return request(host, pathname, {
    method: "POST",
    headers: {
      "content-type": `multipart/form-data; boundary=${boundary}`,
      "next-action": actionId,
      accept: "text/x-component",
      origin: `http://${host}`,
      ...(cookie ? { cookie } : {}),
    },
    body,
  });
}
