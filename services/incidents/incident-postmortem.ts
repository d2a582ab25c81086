// The postmortem of a resolved incident: saved as a draft, then published (and announced once).
import type { Db } from "@/db";
import { UNRESOLVED_INCIDENT_STATUSES } from "@/db/constants";
import type { Incident } from "@/db/schema";
import { insertAuditEntry } from "@/db/writes/audit";
import { setPostmortem } from "@/db/writes/lifecycle";
import { assertCan, auditActor, type Actor } from "@/core/actor";
import { DomainError } from "@/core/errors";
import { requireIncident } from "./guards";
import { notify } from "./notify";
import { parseInput, postmortemInput } from "./schemas";

/** A postmortem is written after the fact: `doing` is "writing" or "publishing". */
function requireResolved(incident: Incident, doing: string): void {
  if ((UNRESOLVED_INCIDENT_STATUSES as readonly string[]).includes(incident.status)) {
    throw new DomainError("conflict", `Resolve the incident before ${doing} its postmortem`, {
      body: "Resolve the incident first",
    });
  }
}

/** Saves the postmortem as a draft (resolved incidents only); publishing is a separate step. */
export function savePostmortem(
  db: Db,
  actor: Actor,
  incidentId: string,
  raw: { body: string },
  now = Date.now(),
): void {
  assertCan(actor, "incidents.write");
  const input = parseInput(postmortemInput, raw);
  db.transaction(
    (tx) => {
      const incident = requireIncident(tx, incidentId);
      requireResolved(incident, "writing");
      setPostmortem(tx, incidentId, input.body, incident.postmortemPublishedAt, now);
      insertAuditEntry(tx, {
        at: now,
        ...auditActor(actor),
        action: "incident.postmortem_save",
        targetType: "incident",
        targetId: incidentId,
      });
    },
    { behavior: "immediate" },
  );
}

/**
 * Publishes the postmortem: `body` when given (what is in the box: saved and published in one step), else the
 * saved draft.
 */
export function publishPostmortem(
  db: Db,
  actor: Actor,
  incidentId: string,
  options: { notify: boolean; body?: string },
  now = Date.now(),
): void {
  assertCan(actor, "incidents.write");
  const given = options.body === undefined ? undefined : parseInput(postmortemInput, { body: options.body }).body;
  db.transaction(
    (tx) => {
      const incident = requireIncident(tx, incidentId);
      requireResolved(incident, "publishing");
      const body = given ?? incident.postmortemBody;
      if (!body)
        throw new DomainError("conflict", "Write the postmortem before publishing it", {
          body: "Write the postmortem first",
        });
      setPostmortem(tx, incidentId, body, incident.postmortemPublishedAt ?? now, now);
      // Announced once: publishing again after an edit does not mail everyone a second time.
      if (options.notify && incident.postmortemPublishedAt === null && !incident.backfilled)
        notify(tx, incident, "postmortem_published", now);
      insertAuditEntry(tx, {
        at: now,
        ...auditActor(actor),
        action: "incident.postmortem_publish",
        targetType: "incident",
        targetId: incidentId,
        detail: { notify: options.notify },
      });
    },
    { behavior: "immediate" },
  );
}
