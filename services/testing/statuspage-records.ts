// Builders for the records of the Statuspage fixture (statuspage-fixture.ts), so an incident and a
// maintenance are written in the one v1 shape.
import type { ComponentStatus } from "@/db/constants";
import type { SpAffected, SpComponent, SpIncident, SpUpdate } from "./statuspage-types";

/** A 12-character base-36 id from a number, like Statuspage's ("4lzycl8t1x0c"). */
export function spId(prefix: string, n: number): string {
  return (prefix + n.toString(36)).padStart(12, "0").slice(-12);
}

export const iso = (ms: number) => new Date(ms).toISOString();

/** One component's status change, as an update lists it. */
export function affected(target: SpComponent, change: { from: ComponentStatus; to: ComponentStatus }): SpAffected[] {
  return [{ code: target.id, name: target.name, old_status: change.from, new_status: change.to }];
}

export function update(
  id: string,
  incidentId: string,
  status: string,
  body: string,
  at: string,
  changes: SpAffected[] | null,
): SpUpdate {
  return {
    id,
    incident_id: incidentId,
    status,
    body,
    created_at: at,
    updated_at: at,
    display_at: at,
    affected_components: changes,
    deliver_notifications: true,
    custom_tweet: null,
    tweet_id: null,
  };
}

type RecordFields = Omit<
  SpIncident,
  "impact_override" | "shortlink" | "backfilled" | "incident_updates" | "components"
>;

/** An incident or maintenance record; its updates are given oldest first and listed newest first, as v1 does. */
export function record(f: RecordFields, updates: SpUpdate[], target: SpComponent): SpIncident {
  return {
    id: f.id,
    page_id: f.page_id,
    name: f.name,
    status: f.status,
    impact: f.impact,
    impact_override: null,
    created_at: f.created_at,
    updated_at: f.updated_at,
    started_at: f.started_at,
    monitoring_at: f.monitoring_at,
    resolved_at: f.resolved_at,
    shortlink: `https://stspg.io/${f.id}`,
    scheduled_for: f.scheduled_for,
    scheduled_until: f.scheduled_until,
    scheduled_remind_prior: f.scheduled_remind_prior,
    scheduled_auto_in_progress: f.scheduled_auto_in_progress,
    scheduled_auto_completed: f.scheduled_auto_completed,
    postmortem_body: f.postmortem_body,
    postmortem_published_at: f.postmortem_published_at,
    backfilled: false,
    incident_updates: [...updates].reverse(),
    components: [{ ...target }],
  };
}
