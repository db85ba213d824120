// The frame of every page, the platform's and the tenants': a skip link, a top bar (brand, navigation, account),
// the page, a footer. On a phone the navigation folds into a <details> menu, which opens without JavaScript.
// Page bodies go in <Page> (the <main> landmark, id "main") and start with <PageHeader>.
import Link from "next/link";
import type { CSSProperties, ReactNode } from "react";
import { buttonClass } from "./button";
import { cx } from "./cx";
import { NavLink } from "./nav-link";

/** The look of a link in the top bar and in the phone menu; the current page is underlined and bold. (Here, not in
 * the client module nav-link.tsx: a server component cannot read a value exported by a client module.) */
const navLinkClass = cx(
  "rounded-md px-2 py-2 font-medium text-ink no-underline hover:bg-brand-soft hover:text-brand-strong",
  "aria-[current=page]:font-bold aria-[current=page]:text-brand-strong aria-[current=page]:underline aria-[current=page]:decoration-2 aria-[current=page]:underline-offset-8",
);

export type NavItem = { href: string; label: string; section?: boolean };

type ShellProps = {
  /** `logoUrl`: an image in place of the mark (a tenant's logo, already checked to be https or same-site). */
  brand: { name: string; href: string; mark: string; logoUrl?: string | null };
  /** Theme variables for this site (a tenant's accent colour as --color-brand…). */
  style?: CSSProperties;
  nav: NavItem[];
  /** Who is signed in and the sign-in/out controls, drawn twice: in the top bar ("bar") and in the phone menu ("menu"). */
  account?: (place: "bar" | "menu") => ReactNode;
  /** A notice under the top bar on every page ("You have signed out"). */
  notice?: ReactNode;
  footer: ReactNode;
  children: ReactNode;
};

export function SiteShell({ brand, nav, account, notice, footer, style, children }: ShellProps) {
  const links = (className: string) =>
    nav.map((item) => (
      <li key={item.href}>
        <NavLink href={item.href} section={item.section} className={className}>
          {item.label}
        </NavLink>
      </li>
    ));
  return (
    <div className="flex min-h-screen flex-col" style={style}>
      <a
        href="#main"
        className="absolute top-2 -left-[999px] z-10 rounded-lg bg-surface px-4 py-2 font-semibold shadow focus:left-2"
      >
        Skip to content
      </a>
      <header className="border-b border-line bg-surface">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
          <Link href={brand.href} className="flex min-w-0 items-center gap-2.5 font-bold text-ink no-underline hover:text-ink">
            {brand.logoUrl ? (
              // eslint-disable-next-line @next/next/no-img-element -- a tenant's own URL, not a build-time asset
              <img src={brand.logoUrl} alt="" width={32} height={32} className="size-8 shrink-0 rounded-lg object-contain" />
            ) : (
              <span aria-hidden="true" className="grid size-8 shrink-0 place-items-center rounded-lg bg-brand text-brand-contrast">
                {brand.mark}
              </span>
            )}
            <span className="truncate">{brand.name}</span>
          </Link>
          <nav aria-label="Main" className="hidden items-center gap-4 sm:flex">
            <ul className="flex items-center gap-1">{links(navLinkClass)}</ul>
            {account && <div className="flex items-center gap-3">{account("bar")}</div>}
          </nav>
          {/* Never shrinks: a long site name truncates beside it instead of squeezing "Menu" onto two lines. */}
          <details className="group relative shrink-0 sm:hidden">
            <summary className={cx(buttonClass({ variant: "secondary", size: "sm" }), "list-none whitespace-nowrap")} data-testid="menu-button">
              <span aria-hidden="true" className="text-lg leading-none">
                ☰
              </span>
              Menu
            </summary>
            <nav
              aria-label="Main"
              className="absolute right-0 z-20 mt-2 grid w-64 max-w-[calc(100vw-2rem)] gap-3 rounded-xl border border-line bg-surface p-3 shadow-lg"
            >
              <ul className="grid">{links(cx(navLinkClass, "block"))}</ul>
              {account && <div className="grid gap-2 border-t border-line pt-3">{account("menu")}</div>}
            </nav>
          </details>
        </div>
      </header>
      {notice}
      <div className="flex-1">{children}</div>
      <footer className="border-t border-line bg-surface">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-5 text-sm text-muted sm:px-6">
          {footer}
        </div>
      </footer>
    </div>
  );
}

const WIDTHS = { narrow: "max-w-md", medium: "max-w-3xl", wide: "max-w-6xl" } as const;

/** A page's <main>: centred, padded, at one of three widths (a form, a reading column, a console). */
export function Page({ width = "wide", className, children }: { width?: keyof typeof WIDTHS; className?: string; children: ReactNode }) {
  return (
    <main id="main" tabIndex={-1} className={cx("mx-auto grid w-full grid-cols-[minmax(0,1fr)] content-start gap-5 px-4 py-6 sm:px-6 sm:py-10", WIDTHS[width], className)}>
      {children}
    </main>
  );
}

type HeaderProps = { title: ReactNode; eyebrow?: ReactNode; description?: ReactNode; actions?: ReactNode };

/** The page's heading (its only <h1>), with an optional line above it, a line below, and actions beside it. */
export function PageHeader({ title, eyebrow, description, actions }: HeaderProps) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-4">
      <div className="grid min-w-0 gap-1">
        {eyebrow && <div className="text-sm font-semibold tracking-wide text-brand uppercase">{eyebrow}</div>}
        <h1>{title}</h1>
        {description && <div className="max-w-prose text-muted">{description}</div>}
      </div>
      {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
    </div>
  );
}
