// A tenant's accent colour as the page's theme variables (the --color-brand… custom properties of
// app/globals.css), set per request on the tenant's shell. The colour has been checked to be `#rrggbb`
// (safeAccentColor), so nothing but a colour reaches the style attribute. Links and buttons must stay
// readable: an accent too light for white text or a white page is darkened until it reaches 4.5:1.
import type { CSSProperties } from "react";
import { safeAccentColor } from "@/lib/tenancy";

type Rgb = [number, number, number];

const MIN_CONTRAST = 4.5;

function parseHex(hex: string): Rgb {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
}

function toHex(rgb: Rgb): string {
  return `#${rgb.map((c) => Math.round(Math.min(255, Math.max(0, c))).toString(16).padStart(2, "0")).join("")}`;
}

/** WCAG 2 relative luminance. */
function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio between a colour and white. */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(parseHex(hex)) + 0.05);
}

function mix(rgb: Rgb, toward: Rgb, amount: number): Rgb {
  return rgb.map((c, i) => c + (toward[i] - c) * amount) as Rgb;
}

/** The colour itself if it reads on white at 4.5:1, else the nearest darker shade that does. */
export function readableOnWhite(hex: string): string {
  let rgb = parseHex(hex);
  for (let step = 0; step < 40 && contrastWithWhite(toHex(rgb)) < MIN_CONTRAST; step++) rgb = mix(rgb, [0, 0, 0], 0.06);
  return toHex(rgb);
}

/** The style that themes a tenant's pages with its accent, or undefined for the default theme. */
export function brandStyle(accentColor: string | null): CSSProperties | undefined {
  const accent = safeAccentColor(accentColor);
  if (!accent) return undefined;
  const brand = readableOnWhite(accent);
  const variables: Record<`--${string}`, string> = {
    "--color-brand": brand,
    "--color-brand-strong": toHex(mix(parseHex(brand), [0, 0, 0], 0.2)),
    "--color-brand-soft": toHex(mix(parseHex(brand), [255, 255, 255], 0.9)),
    "--color-brand-contrast": "#ffffff",
  };
  return variables as CSSProperties;
}
