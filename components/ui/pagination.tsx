// Previous / next links under a list, and "Page 2 of 5". `href` builds a page's URL so filters stay in the query;
// `labels` name the directions in the list's own terms (newest-first lists say "Newer" / "Older").
import Link from "next/link";
import { pageCount } from "@/lib/pagination";
import { buttonClass } from "./button";

type Props = {
  page: number;
  total: number;
  pageSize: number;
  href: (page: number) => string;
  labels?: { previous: string; next: string };
};

export function Pagination({ page, total, pageSize, href, labels = { previous: "← Previous", next: "Next →" } }: Props) {
  const pages = pageCount(total, pageSize);
  if (pages <= 1) return null;
  const look = buttonClass({ variant: "secondary", size: "sm" });
  return (
    <nav className="flex flex-wrap items-center justify-center gap-3" aria-label="Pagination">
      {page > 1 ? (
        <Link className={look} href={href(page - 1)} rel="prev">
          {labels.previous}
        </Link>
      ) : (
        <span className={look} aria-disabled="true">
          {labels.previous}
        </span>
      )}
      <span className="text-muted tabular-nums">
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <Link className={look} href={href(page + 1)} rel="next">
          {labels.next}
        </Link>
      ) : (
        <span className={look} aria-disabled="true">
          {labels.next}
        </span>
      )}
    </nav>
  );
}
