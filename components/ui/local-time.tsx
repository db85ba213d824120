"use client";

// A date in the reader's own terms. The server renders an absolute date (UTC, so its HTML is the same for every
// reader and the first browser render matches it: no hydration mismatch); once mounted, it becomes relative time in
// the browser's language ("3 days ago"), with the full local date and time as its tooltip.
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

const SERVER_FORMAT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

const noSubscription = () => () => {};

export function LocalTime({ iso }: { iso: string }) {
  // False while rendering on the server and hydrating (so both render the same absolute date), true afterwards.
  const inBrowser = useSyncExternalStore(noSubscription, () => true, () => false);
  const date = new Date(iso);
  if (!inBrowser) return <time dateTime={iso}>{SERVER_FORMAT.format(date)}</time>;
  const full = new Intl.DateTimeFormat(undefined, { dateStyle: "long", timeStyle: "short" }).format(date);
  return (
    <time dateTime={iso} title={full}>
      {relativeTime(date, new Date())}
    </time>
  );
}
