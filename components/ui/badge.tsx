// A short label beside a name or a number: "you", "Locked", "Your vote", "12 votes".
import type { HTMLAttributes } from "react";
import { cx } from "./cx";

export type BadgeTone = "brand" | "soft" | "danger" | "success" | "neutral";

const TONES: Record<BadgeTone, string> = {
  brand: "bg-brand text-brand-contrast",
  soft: "bg-brand-soft text-brand-strong",
  danger: "bg-danger text-white",
  success: "bg-success-soft text-success",
  neutral: "bg-slate-100 text-slate-700",
};

export function Badge({ tone = "brand", className, ...props }: HTMLAttributes<HTMLSpanElement> & { tone?: BadgeTone }) {
  return (
    <span
      className={cx("inline-block rounded-full px-2 py-0.5 align-middle text-xs font-semibold whitespace-nowrap", TONES[tone], className)}
      {...props}
    />
  );
}
