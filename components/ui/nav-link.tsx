"use client";

// A navigation link that marks itself aria-current="page" when it is the page being shown (exact path, or any page
// under it with `section`). Client-side so the mark follows client navigations, which keep the shell mounted.
import Link from "next/link";
import { usePathname } from "next/navigation";

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

