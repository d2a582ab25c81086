// The console's incident history filter, read from the URL (a GET form, so a filtered list can be bookmarked
// and works without JavaScript). Values that make no sense are reported and left out, never guessed.
import type { HistoryFilter } from "@/db/queries/console-incidents";
import { zonedToUtc } from "@/core/time-zone";
import { ID_PATTERN } from "@/core/ids";

export const HISTORY_STATUSES = { open: "Open", resolved: "Resolved", postmortem: "Postmortem published" } as const;
const MAX_QUERY = 100;

export interface ParsedHistoryQuery {
  filter: HistoryFilter;
  page: number;
  /** The values as typed, for the form. */
  values: { q: string; status: string; component: string; from: string; to: string };
  errors: Record<string, string>;
}

type Params = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? "") : (v ?? "")).trim();

/** A YYYY-MM-DD date, read as the start of that day (or of `plusDays` later) in the page's zone. */
function startOfDay(value: string, timeZone: string, plusDays = 0): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day] = m.slice(1).map(Number);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  const target = new Date(Date.UTC(year, month - 1, day + plusDays));
  return zonedToUtc(target.getUTCFullYear(), target.getUTCMonth() + 1, target.getUTCDate(), 0, 0, timeZone);
}

export function parseHistoryQuery(
  params: Params,
  timeZone: string,
  componentIds: ReadonlySet<string>,
): ParsedHistoryQuery {
  const values = {
    q: first(params.q),
    status: first(params.status),
    component: first(params.component),
    from: first(params.from),
    to: first(params.to),
  };
  const filter: HistoryFilter = {};
  const errors: Record<string, string> = {};
  if (values.q.length > MAX_QUERY) errors.q = `Search for at most ${MAX_QUERY} characters.`;
  else if (values.q) filter.q = values.q;
  if (values.status) {
    if (values.status in HISTORY_STATUSES) filter.status = values.status as HistoryFilter["status"];
    else errors.status = "Choose a status from the list.";
  }
  if (values.component) {
    if (ID_PATTERN.test(values.component) && componentIds.has(values.component)) filter.componentId = values.component;
    else errors.component = "That service does not exist (any more).";
  }
  if (values.from) {
    const from = startOfDay(values.from, timeZone);
    if (from === null) errors.from = "Enter a date like 2026-11-23.";
    else filter.from = from;
  }
  if (values.to) {
    // The end date is included: everything before the start of the next day.
    const to = startOfDay(values.to, timeZone, 1);
    if (to === null) errors.to = "Enter a date like 2026-11-23.";
    else filter.to = to;
  }
  if (filter.from !== undefined && filter.to !== undefined && filter.to <= filter.from)
    errors.to = "The end date must not be before the start date.";
  const requested = Number(first(params.page) || "1");
  const page = Number.isInteger(requested) && requested >= 1 && requested <= 10_000 ? requested : 1;
  return { filter, page, values, errors };
}
