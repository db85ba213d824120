// Page-number pagination in Django REST framework's shape: `{ count, next, previous, results }`,
// where next/previous are absolute URLs on the tenant's own host (req.url is localhost:PORT).
import { ApiError, validationError } from "@/lib/api/errors";
import { pageQuery } from "@/lib/api/schemas";
import { pageCount } from "@/lib/pagination";
import { requestProtocol } from "@/lib/tenancy";

export type PageRequest = { page: number; pageSize: number };

export function parsePageQuery(searchParams: URLSearchParams): PageRequest {
  const result = pageQuery.safeParse({
    page: searchParams.get("page") ?? undefined,
    page_size: searchParams.get("page_size") ?? undefined,
  });
  if (!result.success) throw validationError(result.error);
  return { page: result.data.page, pageSize: result.data.page_size };
}

/** The links around a page; a page past the last one is a 404, as in DRF (page 1 always exists). */
export function pageLinks(origin: string, path: string, { page, pageSize }: PageRequest, count: number) {
  const lastPage = pageCount(count, pageSize);
  if (page > lastPage) throw new ApiError("not_found", `Invalid page: the last page is ${lastPage}`);
  const link = (n: number) => `${origin}${path}?page=${n}&page_size=${pageSize}`;
  return { next: page < lastPage ? link(page + 1) : null, previous: page > 1 ? link(page - 1) : null };
}

/** `http://thor.localhost:3000`: the routed host, with https only when a front proxy says so. */
export function siteOrigin(headers: Headers, host: string): string {
  return `${requestProtocol(headers)}://${host}`;
}
