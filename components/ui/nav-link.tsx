"use client";

// A navigation link that marks itself aria-current="page" when it is the page being shown (exact path, or any page
// under it with `section`). Client-side so the mark follows client navigations, which keep the shell mounted.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "./cx";

type Props = { href: string; children: React.ReactNode; section?: boolean; className?: string };

export function NavLink({ href, children, section, className }: Props) {
  const pathname = usePathname();
  const current = pathname === href || (section && pathname.startsWith(`${href}/`));
  return (
    <Link href={href} aria-current={current ? "page" : undefined} className={className}>
      {children}
    </Link>
  );
}

/** The look of a link in the top bar and in the phone menu; the current page is underlined and bold. */
export const navLinkClass = cx(
  "rounded-md px-2 py-2 font-medium text-ink no-underline hover:bg-brand-soft hover:text-brand-strong",
  "aria-[current=page]:font-bold aria-[current=page]:text-brand-strong aria-[current=page]:underline aria-[current=page]:decoration-2 aria-[current=page]:underline-offset-8",
);
