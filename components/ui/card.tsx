// A white panel with a border: the box around a form, a poll, a section of a console. `cardClass` gives a <form>
// (or any element Card does not cover) the same look.
import type { HTMLAttributes } from "react";
import { cx } from "./cx";

export type CardTone = "default" | "danger";

export function cardClass(tone: CardTone = "default"): string {
  return cx("rounded-xl border bg-surface p-4 shadow-sm sm:p-5", tone === "danger" ? "border-red-200" : "border-line");
}

type Props = HTMLAttributes<HTMLElement> & { as?: "div" | "section" | "article" | "li" | "form"; tone?: CardTone };

export function Card({ as: Tag = "div", tone, className, ...props }: Props) {
  return <Tag className={cx(cardClass(tone), className)} {...props} />;
}
