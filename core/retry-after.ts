// Retry-After as RFC 9110 defines it: a number of seconds, or an HTTP date. A receiver could ask for a
// wait of days (or send nonsense), so the answer is capped and anything unreadable is ignored (null): the
// caller then falls back to its own schedule.

/** The longest a channel's Retry-After can hold its next attempt back. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/** Milliseconds to wait from `now`, at most `capMs`; null when the header is missing or unreadable. */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number,
  capMs = MAX_RETRY_AFTER_MS,
): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, capMs);
  // HTTP dates always name the weekday and zone (IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT", or the two
  // obsolete forms); a bare number with other characters is not one.
  if (!/GMT|UTC/i.test(text) || !/[a-z]{3}/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, at - now), capMs);
}
