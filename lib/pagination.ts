// Page-number pagination, one piece of arithmetic for every list. Web pages read `?page=N` leniently
// (anything else is page 1) and show the last page for one past it; the API refuses a bad page with
// a 400 and 404s one past the last, as DRF does. Both parse and count with what is here.
import { z } from "zod";

/** Bounded so the offset stays an int4 for the database. */
export const MAX_PAGE = 1_000_000;

/** A page number as text: decimal digits only (z.coerce would take "2e0", " 2" and "0x2"), 1..MAX_PAGE. */
export const pageNumberSchema = z
  .string()
  .regex(/^\d{1,10}$/, "Expected a page number")
  .transform(Number)
  .pipe(z.number().int().min(1).max(MAX_PAGE));

const lenientPageSchema = pageNumberSchema.catch(1);

/** A web page's `?page=`: anything that is not a page number is page 1. */
export function pageFromParam(raw: string | string[] | undefined): number {
  return lenientPageSchema.parse(Array.isArray(raw) ? raw[0] : raw);
}

/** How many pages `total` rows make; an empty list still has its one (empty) page. */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** The page to show for a request past the end: the last one. */
export function clampPage(page: number, total: number, pageSize: number): number {
  return Math.min(page, pageCount(total, pageSize));
}

/** How many rows come before `page`. */
export function pageOffset(page: number, pageSize: number): number {
  return (page - 1) * pageSize;
}
