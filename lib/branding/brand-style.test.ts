import { describe, expect, it } from "vitest";
import { brandStyle, contrastWithWhite, readableOnWhite } from "@/lib/branding/brand-style";

describe("brandStyle", () => {
  it("themes the page with a valid accent and keeps the default theme otherwise", () => {
    expect(brandStyle("#b91c1c")).toMatchObject({ "--color-brand": "#b91c1c", "--color-brand-contrast": "#ffffff" });
    expect(brandStyle(null)).toBeUndefined();
    expect(brandStyle("red;} body{display:none")).toBeUndefined();
    expect(brandStyle("#12345")).toBeUndefined();
  });

  it("darkens a light accent until white text and links on white read at 4.5:1", () => {
    expect(contrastWithWhite("#ffff00")).toBeLessThan(4.5);
    const brand = readableOnWhite("#ffff00");
    expect(contrastWithWhite(brand)).toBeGreaterThanOrEqual(4.5);
    expect(brand).toMatch(/^#[0-9a-f]{6}$/);
    expect(readableOnWhite("#1d4ed8")).toBe("#1d4ed8");
    for (const value of Object.values(brandStyle("#fde68a")!)) expect(value).toMatch(/^#[0-9a-f]{6}$/);
  });
});
