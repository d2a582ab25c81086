// How the home page lists scheduled maintenance: a recurring series is one entry (its next window, with the
// later ones under it), and only the first few entries are shown in full; the rest fold away. One weekly
// rule used to put 18 full cards on the page.

export interface UpcomingLike {
  incident: { id: string; scheduledFor: number | null; recurrenceId: string | null };
}

export interface UpcomingEntry<T> {
  /** The next window of a series, or a one-off maintenance. */
  item: T;
  /** The series' later windows, soonest first (empty for a one-off). */
  later: T[];
}

/** Cards shown in full on the home page before "and N more". */
export const UPCOMING_SHOWN = 3;

/** `items` soonest first; returns the entries to show as cards and the ones to fold. */
export function foldUpcoming<T extends UpcomingLike>(
  items: readonly T[],
  limit = UPCOMING_SHOWN,
): { shown: UpcomingEntry<T>[]; more: UpcomingEntry<T>[] } {
  const entries: UpcomingEntry<T>[] = [];
  const series = new Map<string, UpcomingEntry<T>>();
  for (const item of items) {
    const key = item.incident.recurrenceId;
    const existing = key ? series.get(key) : undefined;
    if (existing) {
      existing.later.push(item);
      continue;
    }
    const entry = { item, later: [] };
    entries.push(entry);
    if (key) series.set(key, entry);
  }
  return { shown: entries.slice(0, limit), more: entries.slice(limit) };
}
