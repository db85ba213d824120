// Buttons, and links that look like buttons: one look for every action on every page. `buttonClass` gives the
// same look to an element these components do not cover (a <summary>, a span standing in for a disabled link).
import Link from "next/link";
import type { ButtonHTMLAttributes, ComponentProps } from "react";
import { cx } from "./cx";

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";
export type ButtonSize = "md" | "sm";

const VARIANTS: Record<ButtonVariant, string> = {
  primary: "border-brand bg-brand text-brand-contrast hover:bg-brand-strong hover:text-brand-contrast",
  secondary: "border-brand bg-surface text-brand hover:bg-brand-soft hover:text-brand-strong",
  danger: "border-danger bg-danger text-white hover:bg-danger-strong hover:text-white",
  ghost: "border-transparent bg-transparent text-brand hover:bg-brand-soft hover:text-brand-strong",
};

const SIZES: Record<ButtonSize, string> = {
  md: "min-h-11 px-4 py-2",
  sm: "min-h-9 px-3 py-1 text-sm",
};

export function buttonClass({ variant = "primary", size = "md" }: { variant?: ButtonVariant; size?: ButtonSize } = {}): string {
  return cx(
    "inline-flex cursor-pointer items-center justify-center gap-1.5 rounded-lg border text-center font-semibold no-underline",
    "disabled:cursor-not-allowed disabled:opacity-60 aria-disabled:pointer-events-none aria-disabled:opacity-50",
    VARIANTS[variant],
    SIZES[size],
  );
}

type Look = { variant?: ButtonVariant; size?: ButtonSize };

/** A <button>; `type` defaults to "button", so only a real submit button says type="submit". */
export function Button({ variant, size, className, type = "button", ...props }: ButtonHTMLAttributes<HTMLButtonElement> & Look) {
  return <button type={type} className={cx(buttonClass({ variant, size }), className)} {...props} />;
}

/** A link (next/link) drawn as a button: for actions that are navigations ("New poll", "Edit"). */
export function ButtonLink({ variant, size, className, ...props }: ComponentProps<typeof Link> & Look) {
  return <Link className={cx(buttonClass({ variant, size }), className)} {...props} />;
}
