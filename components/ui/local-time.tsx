"use client";

// A date in the reader's own terms. The server renders an absolute date with the month named ("4 Dec 2026": UTC, so
// its HTML is the same for every reader and the first browser render matches it, and never ambiguous like 04/12/2026);
// once mounted, it becomes relative time in the browser's language ("3 days ago"), or with `as="date"` (a table's
// column of dates) the date in the browser's language and time zone ("Dec 4, 2026"), with the full local date and
// time as its tooltip.
import { useSyncExternalStore } from "react";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

export function relativeTime(date: Date, now: Date, locale?: string): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, "minute");
}

const DATE: Intl.DateTimeFormatOptions = { day: "numeric", month: "short", year: "numeric" };
const SERVER_FORMAT = new Intl.DateTimeFormat("en-GB", { ...DATE, timeZone: "UTC" });

const noSubscription = () => () => {};

export function LocalTime({ iso, as = "relative" }: { iso: string; as?: "relative" | "date" }) {
  // False while rendering on the server and hydrating (so both render the same absolute date), true afterwards.
  const inBrowser = useSyncExternalStore(noSubscription, () => true, () => false);
  const date = new Date(iso);
  if (!inBrowser) return <time dateTime={iso}>{SERVER_FORMAT.format(date)}</time>;
  const full = new Intl.DateTimeFormat(undefined, { dateStyle: "long", timeStyle: "short" }).format(date);
  return (
    <time dateTime={iso} title={full}>
      {as === "date" ? new Intl.DateTimeFormat(undefined, DATE).format(date) : relativeTime(date, new Date())}
    </time>
  );
}
