// A message in a coloured box: a refusal (error), a done (success) or a notice (info). `role` is the caller's:
// "alert" for what just went wrong, "status" for what just went right, none for a standing notice.
import type { HTMLAttributes } from "react";
import { cx } from "./cx";

export type AlertTone = "error" | "success" | "info";

const TONES: Record<AlertTone, string> = {
  error: "border-red-200 bg-danger-soft text-danger",
  success: "border-green-200 bg-success-soft text-success",
  info: "border-indigo-200 bg-brand-soft text-brand-strong",
};

type Props = HTMLAttributes<HTMLElement> & { tone: AlertTone; as?: "p" | "div" };

export function Alert({ tone, as: Tag = "p", className, ...props }: Props) {
  return <Tag className={cx("rounded-lg border px-4 py-3 [&_a]:font-semibold", TONES[tone], className)} {...props} />;
}
