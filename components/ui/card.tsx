// A white panel with a border: the box around a form, a poll, a section of a console.
import type { HTMLAttributes } from "react";
import { cx } from "./cx";

type Props = HTMLAttributes<HTMLElement> & { as?: "div" | "section" | "article" | "li" | "form"; tone?: "default" | "danger" };

export function Card({ as: Tag = "div", tone = "default", className, ...props }: Props) {
  return (
    <Tag
      className={cx(
        "rounded-xl border bg-surface p-4 shadow-sm sm:p-5",
        tone === "danger" ? "border-red-200" : "border-line",
        className,
      )}
      {...props}
    />
  );
}
