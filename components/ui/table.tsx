// A data table that is a real <table> from 640 px up and a list of stacked cards below: each row becomes a card,
// each cell shows its column's name (the `label` prop, drawn from a data attribute) before its value, so nothing
// scrolls sideways on a phone. Put the row's name in a <RowHeader> (the card's title) and actions in <Td actions>.
import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cx } from "./cx";

type TableProps = HTMLAttributes<HTMLTableElement> & { caption: ReactNode; captionHidden?: boolean };

export function Table({ caption, captionHidden = true, className, children, ...props }: TableProps) {
  return (
    <table
      className={cx(
        "w-full border-collapse text-left max-sm:block sm:overflow-hidden sm:rounded-xl sm:border sm:border-line sm:bg-surface sm:shadow-sm",
        className,
      )}
      {...props}
    >
      <caption className={captionHidden ? "sr-only" : "mb-2 text-left font-semibold max-sm:block"}>{caption}</caption>
      {children}
    </table>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return (
    <thead className="bg-slate-50 text-xs tracking-wide text-muted uppercase max-sm:sr-only">
      <tr>{children}</tr>
    </thead>
  );
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody className="max-sm:grid max-sm:gap-3">{children}</tbody>;
}

/** A column heading, on one line; `hidden` keeps it for screen readers only (the actions column). */
export function Th({ children, hidden, className, ...props }: ThHTMLAttributes<HTMLTableCellElement> & { hidden?: boolean }) {
  return (
    <th scope="col" className={cx("border-b border-line px-4 py-3 font-semibold whitespace-nowrap", className)} {...props}>
      {hidden ? <span className="sr-only">{children}</span> : children}
    </th>
  );
}

export function Tr({ className, ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return (
    <tr
      className={cx(
        "border-line sm:border-b sm:last:border-b-0 sm:hover:bg-slate-50",
        "max-sm:grid max-sm:gap-2 max-sm:rounded-xl max-sm:border max-sm:bg-surface max-sm:p-4 max-sm:shadow-sm",
        className,
      )}
      {...props}
    />
  );
}

/** The cell that names the row (a username, a slug): the card's title on a phone. */
export function RowHeader({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="row" className={cx("px-4 py-3 align-middle font-semibold max-sm:p-0 max-sm:text-lg", className)} {...props} />;
}

type TdProps = TdHTMLAttributes<HTMLTableCellElement> & { label?: string; actions?: boolean };

/** A cell. `label` is its column's name, shown before the value on a phone; `actions` lays out buttons. */
export function Td({ label, actions, className, children, ...props }: TdProps) {
  return (
    <td
      data-label={label}
      className={cx(
        "px-4 py-3 align-middle max-sm:p-0",
        label && "max-sm:flex max-sm:flex-wrap max-sm:items-baseline max-sm:gap-x-3 max-sm:before:min-w-24 max-sm:before:text-sm max-sm:before:font-semibold max-sm:before:text-muted max-sm:before:content-[attr(data-label)]",
        actions && "max-sm:pt-1",
        className,
      )}
      {...props}
    >
      {actions ? <div className="flex flex-wrap items-center gap-2 sm:justify-end">{children}</div> : children}
    </td>
  );
}
