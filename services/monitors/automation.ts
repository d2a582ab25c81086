// Automation per monitor or alert integration (AutomationSubject), after its state changed (and on every upkeep tick, so a crash in between is caught
// up): status only; or a DRAFT incident the admins are asked to publish; or a PUBLISHED incident from the
// source's template, through the incident verbs, so subscribers hear of it like any incident. Nothing here
// notifies subscribers without an incident. Level-based: it looks at the monitor's state and the service's
// automatic incident, never at counts of events, so running it twice does nothing twice.
//   - At most one automatic incident per service at a time (a partial unique index backs this).
//   - Recovery: the monitor is up only after `successesBeforeUp` good checks (flap damping), and only then is
//     a published incident resolved and an unpublished draft withdrawn.
//   - An admin who posts an update to the incident takes it over: automation leaves it alone from then on.
import type { Db } from "@/db";
import { findIncident } from "@/db/queries/lifecycle";
import { findMonitor } from "@/db/queries/monitors";
import { getPage } from "@/db/queries/status-page";
import { findTemplate } from "@/db/queries/templates";
import { insertAuditEntry } from "@/db/writes/audit";
import {
  editedByPeople,
  endAutomaticIncident,
  findAutomaticIncident,
  insertAutomaticIncident,
  markPublished,
  openAutomaticIncident,
} from "@/db/writes/automatic-incidents";
import {
  UNRESOLVED_INCIDENT_STATUSES,
  type ClaimSource,
  type ComponentStatus,
  type IncidentMode,
} from "@/db/constants";
import type { Monitor } from "@/db/schema";
import { assertCan, auditActor, SYSTEM, type Actor } from "@/core/actor";
import { DomainError, notFound } from "@/core/errors";
import { isClosedStatus } from "@/core/incident";
import { addIncidentUpdate, createIncident } from "@/services/incidents/incident-verbs";
import { claimedStatus } from "./run";

export type AutomationStep = "none" | "drafted" | "published" | "resolved" | "withdrawn" | "taken_over";

const OPEN_STATUSES = UNRESOLVED_INCIDENT_STATUSES;

/**
 * What automation needs to know about one source speaking for one service: a monitor (below) or an alert
 * integration (services/integrations/intake.ts). `claimed`: the status it claims now, or null; `recovered`: it is
 * stably well again (a monitor after its successes, an integration with no firing alert for the service).
 */
export interface AutomationSubject {
  source: ClaimSource;
  sourceId: string;
  componentId: string;
  incidentMode: IncidentMode;
  templateId: string | null;
  claimed: ComponentStatus | null;
  recovered: boolean;
  /** Used when there is no template. */
  fallback: { title: string; body: string; resolved: string };
}

function wording(subject: AutomationSubject, tx: Db) {
  const page = getPage(tx)!;
  const template = subject.templateId ? findTemplate(tx, page.id, subject.templateId) : null;
  return {
    title: template?.title ?? subject.fallback.title,
    body: template?.body ?? subject.fallback.body,
    status: OPEN_STATUSES.find((s) => s === template?.status) ?? "investigating",
    templateId: template?.id ?? null,
  };
}

function monitorSubject(monitor: Monitor & { componentId: string }): AutomationSubject {
  const error = monitor.lastError ? ` (${monitor.lastError})` : "";
  return {
    source: "monitor",
    sourceId: monitor.id,
    componentId: monitor.componentId,
    incidentMode: monitor.incidentMode,
    templateId: monitor.templateId,
    claimed: claimedStatus(monitor, monitor.state),
    recovered: monitor.state === "up",
    fallback: {
      title: `${monitor.name} is not responding`,
      body: `Our monitoring detected a problem with ${monitor.name}${error}. We are investigating.`,
      resolved: `${monitor.name} is answering normally again. This incident has been resolved.`,
    },
  };
}

export async function reconcileAutomaticIncident(db: Db, monitorId: string, now: number): Promise<AutomationStep> {
  const monitor = findMonitor(db, monitorId);
  if (!monitor?.componentId || monitor.paused) return "none";
  return reconcileIncidentFor(db, monitorSubject({ ...monitor, componentId: monitor.componentId }), now);
}

/** The automation of one source for one service (level-based, see the header). */
export async function reconcileIncidentFor(db: Db, subject: AutomationSubject, now: number): Promise<AutomationStep> {
  const { componentId, source, sourceId, claimed } = subject;
  const open = openAutomaticIncident(db, componentId);

  if (claimed) {
    if (subject.incidentMode === "status_only" || open) return "none";
    const words = wording(subject, db);
    if (subject.incidentMode === "draft") {
      insertAutomaticIncident(db, {
        componentId,
        source,
        sourceId,
        state: "draft",
        title: words.title,
        body: words.body,
        componentStatus: claimed,
        templateId: words.templateId,
        at: now,
      });
      return "drafted";
    }
    const created = createIncident(
      db,
      SYSTEM,
      { name: words.title, message: words.body, status: words.status, componentStatuses: { [componentId]: claimed } },
      now,
    );
    insertAutomaticIncident(db, {
      componentId,
      source,
      sourceId,
      state: "published",
      title: words.title,
      body: words.body,
      componentStatus: claimed,
      templateId: words.templateId,
      incidentId: created.id,
      at: now,
    });
    return "published";
  }

  if (!subject.recovered || !open || open.source !== source || open.sourceId !== sourceId) return "none";
  if (open.state === "draft") {
    endAutomaticIncident(db, open.id, now, { recovered: true });
    return "withdrawn";
  }
  const incident = open.incidentId ? findIncident(db, open.incidentId) : null;
  if (!incident || isClosedStatus(incident.status)) {
    endAutomaticIncident(db, open.id, now);
    return "none";
  }
  if (editedByPeople(db, incident.id)) {
    endAutomaticIncident(db, open.id, now, { takenOver: true });
    return "taken_over";
  }
  addIncidentUpdate(
    db,
    SYSTEM,
    incident.id,
    { status: "resolved", message: subject.fallback.resolved, restoreComponents: true },
    now,
  );
  endAutomaticIncident(db, open.id, now, { recovered: true });
  return "resolved";
}

/** An admin publishes the draft: a real incident (notifying subscribers), which automation then resolves on recovery. */
export function publishAutomaticDraft(
  db: Db,
  actor: Actor,
  draftId: string,
  now = Date.now(),
  edits: { title?: string; body?: string } = {},
): string {
  assertCan(actor, "incidents.write");
  const draft = findAutomaticIncident(db, draftId);
  if (!draft) throw notFound("Draft incident");
  if (draft.state !== "draft") throw new DomainError("conflict", "This draft was already published or withdrawn");
  const status: ComponentStatus = draft.componentStatus;
  const created = createIncident(
    db,
    actor,
    {
      name: edits.title ?? draft.title,
      message: edits.body ?? draft.body,
      componentStatuses: { [draft.componentId]: status },
    },
    now,
  );
  markPublished(db, draft.id, created.id, now);
  insertAuditEntry(db, {
    at: now,
    ...auditActor(actor),
    action: "monitor.draft_publish",
    targetType: "incident",
    targetId: created.id,
    detail: { draftId },
  });
  return created.id;
}

/** An admin dismisses the draft: no incident; the service keeps its status from the claims. */
export function dismissAutomaticDraft(db: Db, actor: Actor, draftId: string, now = Date.now()): void {
  assertCan(actor, "incidents.write");
  const draft = findAutomaticIncident(db, draftId);
  if (!draft || draft.state !== "draft") throw notFound("Draft incident");
  endAutomaticIncident(db, draft.id, now);
  insertAuditEntry(db, {
    at: now,
    ...auditActor(actor),
    action: "monitor.draft_dismiss",
    targetType: "automatic_incident",
    targetId: draft.id,
  });
}
