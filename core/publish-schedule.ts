// When a publish target is due: the public content changed since its last successful publish, someone asked
// ("Publish now"), or a minute passed (time alone changes what pages show: maintenance starting, the uptime
// day rolling over; the manifest keeps that cheap, only changed objects go up). A failing target is retried
// with a growing pause, so a bucket that is down is not hammered, but a request is honoured at once.
export const REPUBLISH_EVERY_MS = 60_000;
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
