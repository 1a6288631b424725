"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

// True after hydration. Server and first client render agree (false), so times can be
// shown in UTC first and in the viewer's time zone once hydrated, without a mismatch.
function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

const UTC_FORMAT = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const DATE_UTC_FORMAT = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

export function Time({ date, dateOnly = false, className }: { date: Date | null | undefined; dateOnly?: boolean; className?: string }) {
  const hydrated = useHydrated();
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) return <span className={className}>–</span>;
  const text = hydrated
    ? date.toLocaleString(undefined, dateOnly ? { dateStyle: "medium" } : { dateStyle: "medium", timeStyle: "short" })
    : `${(dateOnly ? DATE_UTC_FORMAT : UTC_FORMAT).format(date)}${dateOnly ? "" : " UTC"}`;
  return (
    <time dateTime={date.toISOString()} title={date.toISOString()} className={className}>
      {text}
    </time>
  );
}
