// The smallest tar (POSIX ustar) the export file needs: regular files only, written from files on disk
// and read back to files on disk, a chunk at a time, so neither side holds a table in memory.
import { createReadStream, createWriteStream, statSync, type WriteStream } from "node:fs";
import type { Readable, Writable } from "node:stream";
import { once } from "node:events";

const BLOCK = 512;

function header(name: string, size: number): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`tar entry name too long: ${name}`);
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, "utf8");
  block.write("0000644\0", 100, "ascii"); // mode
  block.write("0000000\0", 108, "ascii"); // uid
  block.write("0000000\0", 116, "ascii"); // gid
  block.write(size.toString(8).padStart(11, "0") + "\0", 124, "ascii");
  block.write(Math.floor(Date.now() / 1000).toString(8).padStart(11, "0") + "\0", 136, "ascii");
  block.write("        ", 148, "ascii"); // checksum placeholder: spaces while summing
  block.write("0", 156, "ascii"); // a regular file
  block.write("ustar\u000000", 257, "ascii");
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(sum.toString(8).padStart(6, "0") + "\0 ", 148, "ascii");
  return block;
}

async function write(out: Writable, chunk: Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, "drain");
}

/** Writes `entries` (name in the archive → file on disk) to `out` as one tar, then the end marker. */
export async function writeTar(out: Writable, entries: { name: string; file: string }[]): Promise<void> {
  for (const entry of entries) {
    const size = statSync(entry.file).size;
    await write(out, header(entry.name, size));
    for await (const chunk of createReadStream(entry.file)) await write(out, chunk as Buffer);
    if (size % BLOCK) await write(out, Buffer.alloc(BLOCK - (size % BLOCK)));
  }
  await write(out, Buffer.alloc(BLOCK * 2));
}

/**
 * Reads a tar from `input`, writing each regular file's contents to `fileFor(name)` (null skips it).
 * Returns the names read, in order. A malformed archive throws.
 */
export async function readTar(input: Readable, fileFor: (name: string) => string | null): Promise<string[]> {
  const names: string[] = [];
  let pending: Buffer = Buffer.alloc(0);
  let remaining = 0; // bytes of the current entry still to come
  let padding = 0;
  let out: WriteStream | null = null;
  let ended = false;
  for await (const chunk of input) {
    pending = pending.length ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
    while (pending.length && !ended) {
      if (remaining > 0) {
        const part = pending.subarray(0, remaining);
        pending = pending.subarray(part.length);
        remaining -= part.length;
        if (out && !out.write(part)) await once(out, "drain");
        if (remaining === 0 && out) {
          out.end();
          await once(out, "finish");
          out = null;
        }
        continue;
      }
      if (padding > 0) {
        const skip = Math.min(padding, pending.length);
        pending = pending.subarray(skip);
        padding -= skip;
        continue;
      }
      if (pending.length < BLOCK) break;
      const block = pending.subarray(0, BLOCK);
      pending = pending.subarray(BLOCK);
      if (block.every((byte) => byte === 0)) {
        ended = true;
        break;
      }
      const name = block.subarray(0, 100).toString("utf8").replace(/\0.*$/s, "");
      const size = parseInt(block.subarray(124, 136).toString("ascii").replace(/\0.*$/s, "").trim() || "x", 8);
      if (!name || !Number.isSafeInteger(size) || size < 0 || block.subarray(257, 262).toString("ascii") !== "ustar") {
        throw new Error("not a tar archive");
      }
      names.push(name);
      const type = block.toString("ascii", 156, 157);
      const file = type === "0" || type === "\0" ? fileFor(name) : null;
      out = file ? createWriteStream(file) : null;
      remaining = size;
      padding = size % BLOCK ? BLOCK - (size % BLOCK) : 0;
      if (size === 0 && out) {
        out.end();
        await once(out, "finish");
        out = null;
      }
    }
  }
  if (remaining > 0 || !ended) throw new Error("the archive ends early");
  return names;
}
