// `?page=N` for lists that grow: anything that is not a positive integer is page 1, and a page past
// the end shows the last one.
import { z } from "zod";

const pageParamSchema = z.coerce.number().int().min(1).max(1_000_000).catch(1);

export function pageFromParam(raw: string | string[] | undefined): number {
  return pageParamSchema.parse(Array.isArray(raw) ? raw[0] : (raw ?? 1));
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

export function clampPage(page: number, total: number, pageSize: number): number {
  return Math.min(page, pageCount(total, pageSize));
}
