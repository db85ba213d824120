import Link from "next/link";
import { pageCount } from "@/lib/pagination";

/** Previous / next links for a list; `href` builds a page's URL so filters stay in the query. */
export function Pagination({ page, total, pageSize, href }: { page: number; total: number; pageSize: number; href: (page: number) => string }) {
  const pages = pageCount(total, pageSize);
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label="Pagination">
      {page > 1 ? (
        <Link className="button small secondary" href={href(page - 1)} rel="prev">
          ← Newer
        </Link>
      ) : (
        <span className="button small secondary" aria-disabled="true">
          ← Newer
        </span>
      )}
      <span className="muted">
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <Link className="button small secondary" href={href(page + 1)} rel="next">
          Older →
        </Link>
      ) : (
        <span className="button small secondary" aria-disabled="true">
          Older →
        </span>
      )}
    </nav>
  );
}
