// When a publish target is due: the public content changed since its last successful publish, someone asked
// ("Publish now"), or a minute passed (time alone changes what pages show: maintenance starting, the uptime
// day rolling over; the manifest keeps that cheap, only changed objects go up). A failing target is retried
// with a growing pause, so a bucket that is down is not hammered, but a request is honoured at once.
import { localDate } from "./time-zone";

// Which run is due (publishKind) is below: most minutes only what time changes is rendered, not the site.
export const REPUBLISH_EVERY_MS = 60_000;
/** Without a change, the full site at most this often (and after each local midnight). */
export const FULL_EVERY_MS = 60 * 60_000;
export const RETRY_MIN_MS = 10_000;
export const RETRY_MAX_MS = 5 * 60_000;

export interface PublishTargetState {
  publishedVersion: number | null;
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  failingSince: number | null;
  requestedAt: number | null;
}

/** The pause before the next try of a target failing since `failingSince`: doubling, from 10 s to 5 min. */
export function retryPause(failingSince: number, lastAttemptAt: number): number {
  const failingFor = Math.max(0, lastAttemptAt - failingSince);
  return Math.min(RETRY_MAX_MS, Math.max(RETRY_MIN_MS, failingFor));
}

export function isPublishDue(state: PublishTargetState | undefined, version: number, now: number): boolean {
  if (!state) return true;
  if (state.requestedAt !== null) return true;
  if (state.failingSince !== null && state.lastAttemptAt !== null) {
    return now - state.lastAttemptAt >= retryPause(state.failingSince, state.lastAttemptAt);
  }
  if (state.publishedVersion !== version) return true;
  return state.lastSuccessAt === null || now - state.lastSuccessAt >= REPUBLISH_EVERY_MS;
}

/** The last full publish this process made of a target: when, and at which public content version. */
export interface LastFull {
  at: number;
  version: number;
}

/**
 * The kind of run a target is due for (undefined: none). The site in 8 languages is 6,355 objects and a full
 * read takes minutes under load, so only what needs it is rendered:
 *   - "quick" right after a change: the pages showing the current state plus the incidents changed
 *     (services/publish/site.ts CURRENT_STATE_URLS), so the change is out in seconds;
 *   - "full" (every page, deletions) first in a process, when asked or retrying, when public content changed
 *     since the last full run (its quick run already out: the history pages and per-service pages follow),
 *     and otherwise at most once an hour (FULL_EVERY_MS) and after local midnight in the page's zone (the
 *     uptime days, the history's months, the follow offer on resolved incidents move then);
 *   - "time" every minute otherwise: what time alone changes within a day, all of it in the quick set: the
 *     home page (today's uptime and response times, upcoming maintenance), /maintenances.ics (its events)
 *     and the widget, in every language. Only changed bytes are uploaded, so an unchanged minute uploads little.
 */
export function publishKind(
  state: PublishTargetState | undefined,
  version: number,
  now: number,
  lastFull: LastFull | undefined,
  timeZone: string,
): "full" | "quick" | "time" | undefined {
  if (!state || state.requestedAt !== null) return "full";
  if (state.failingSince !== null) return isPublishDue(state, version, now) ? "full" : undefined;
  if (!lastFull) return "full";
  if (state.publishedVersion !== version) return "quick";
  if (lastFull.version !== state.publishedVersion || sinceFullDue(now, lastFull, timeZone)) return "full";
  return isPublishDue(state, version, now) ? "time" : undefined;
}

function sinceFullDue(now: number, lastFull: LastFull, timeZone: string): boolean {
  return now - lastFull.at >= FULL_EVERY_MS || localDate(now, timeZone) !== localDate(lastFull.at, timeZone);
}

/** Failing for longer than this puts the target on the console overview and emails the opted-in team. */
export const FAILING_ALERT_MS = 5 * 60_000;

/**
 * The team email a target is owed now: "failing" once per failure episode after FAILING_ALERT_MS, and
 * "recovered" once it publishes again after that email. Decided from the status row alone, so every tick
 * of any process may ask and only the one that records the email sends it.
 */
export function publishAlertDue(
  state: { failingSince: number | null; alertedAt: number | null },
  now: number,
): "failing" | "recovered" | undefined {
  if (state.failingSince !== null) {
    return state.alertedAt === null && now - state.failingSince > FAILING_ALERT_MS ? "failing" : undefined;
  }
  return state.alertedAt !== null ? "recovered" : undefined;
}
