// Recurring maintenance: a rule that creates the next occurrences ahead of time, each a normal maintenance
// that can be edited or cancelled on its own.
import { z } from "zod";
import type { Db } from "@/db";
import { LIMITS } from "@/db/constants";
import { liveComponentIds } from "@/db/queries/lifecycle";
import { getPage } from "@/db/queries/status-page";
import { insertAuditEntry } from "@/db/writes/audit";
import { findRecurrence, scheduledOccurrences } from "@/db/queries/console-maintenance";
import { activeRecurrences, claimGeneration, deactivateRecurrence, insertRecurrence } from "@/db/writes/recurrences";
import { assertCan, auditActor, SYSTEM, type Actor } from "@/core/actor";
import { DomainError, invalid, notFound } from "@/core/errors";
import { HORIZON, MAX_OCCURRENCES_PER_RUN, occurrences, parseRule } from "@/core/recurrence";
import { isValidTimeZone } from "@/core/config";
import { ID_PATTERN } from "@/core/ids";
import { multiLine, singleLine } from "@/core/text-input";
import { MINUTE } from "@/core/time";
import { transitionMaintenance, writeMaintenance } from "./maintenance-verbs";
import { parseInput } from "./schemas";

export const recurrenceInput = z.object({
  name: singleLine(
    z
      .string()
      .trim()
      .min(1, { error: "Enter a name" })
      .max(LIMITS.name, { error: `Use at most ${LIMITS.name} characters` }),
  ),
  message: multiLine(z.string().trim().min(1, { error: "Write a message" }).max(LIMITS.message)),
  rule: singleLine(z.string().trim().min(1, { error: "Give a rule such as FREQ=WEEKLY;BYDAY=SU" }).max(200)),
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "Use HH:MM, e.g. 02:00" }),
  durationMinutes: z
    .number()
    .int()
    .min(1, { error: "At least a minute" })
    .max(24 * 60, { error: "At most 24 hours" }),
  timeZone: z.string().refine(isValidTimeZone, { error: "Not an IANA time zone" }).optional(),
  componentIds: z.array(z.string().regex(ID_PATTERN)).max(200).default([]),
  remindBeforeMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .nullable()
    .default(60),
  autoStart: z.boolean().default(true),
  autoComplete: z.boolean().default(true),
});

export function createRecurrence(
  db: Db,
  actor: Actor,
  raw: z.input<typeof recurrenceInput>,
  now = Date.now(),
): { id: string; created: number } {
  assertCan(actor, "incidents.write");
  const input = parseInput(recurrenceInput, raw);
  const rule = parseRule(input.rule);
  if ("error" in rule) throw invalid("rule", rule.error);
  const id = db.transaction(
    (tx) => {
      const page = getPage(tx);
      if (!page) throw new DomainError("conflict", "The page is not set up yet");
      const live = liveComponentIds(tx, page.id, input.componentIds);
      const missing = input.componentIds.filter((c) => !live.has(c));
      if (missing.length) throw invalid("componentIds", `Unknown or deleted service: ${missing.join(", ")}`);
      const { message, ...rest } = input;
      const id = insertRecurrence(tx, {
        pageId: page.id,
        ...rest,
        body: message,
        timeZone: input.timeZone ?? page.timeZone,
        at: now,
      });
      insertAuditEntry(tx, {
        at: now,
        ...auditActor(actor),
        action: "maintenance.recurrence_create",
        targetType: "recurrence",
        targetId: id,
        detail: { rule: input.rule },
      });
      return id;
    },
    { behavior: "immediate" },
  );
  const created = generateRecurringMaintenances(db, now).filter((o) => o.recurrenceId === id).length;
  return { id, created };
}

/**
 * Creates the occurrences of every active rule up to the horizon, at most MAX_OCCURRENCES_PER_RUN per rule
 * per run. Each rule's generation is claimed, so two processes never create the same occurrence.
 */
export function generateRecurringMaintenances(
  db: Db,
  now = Date.now(),
): { recurrenceId: string; maintenanceId: string }[] {
  const made: { recurrenceId: string; maintenanceId: string }[] = [];
  for (const r of activeRecurrences(db)) {
    const rule = parseRule(r.rule);
    if ("error" in rule) continue;
    const from = Math.max(r.generatedUntil ?? 0, now + MINUTE);
    const until = now + HORIZON;
    if (from >= until) continue;
    const starts = occurrences(rule, r.startTime, r.timeZone, r.createdAt, from, until, MAX_OCCURRENCES_PER_RUN);
    // A capped run resumes after its last occurrence next time; a full run covers the whole horizon.
    const coveredUntil = starts.length === MAX_OCCURRENCES_PER_RUN ? starts.at(-1)! + 1 : until;
    db.transaction(
      (tx) => {
        if (!claimGeneration(tx, r.id, r.generatedUntil, coveredUntil, now)) return;
        for (const start of starts) {
          const maintenanceId = writeMaintenance(
            tx,
            SYSTEM,
            {
              name: r.name,
              message: r.body,
              scheduledFor: start,
              scheduledUntil: start + r.durationMinutes * MINUTE,
              componentIds: r.componentIds,
              // Each occurrence is announced by its reminder, not by a notice when it is generated.
              notify: false,
              remindBeforeMinutes: r.remindBeforeMinutes,
              autoStart: r.autoStart,
              autoComplete: r.autoComplete,
              setComponentsUnderMaintenance: true,
              backfill: false,
            },
            now,
            r.id,
          );
          made.push({ recurrenceId: r.id, maintenanceId });
        }
      },
      { behavior: "immediate" },
    );
  }
  return made;
}

/**
 * Stops a rule: no more occurrences are created. With `cancelUpcoming`, the occurrences already scheduled
 * are cancelled too (quietly: nobody was told about them individually yet); otherwise they stay, each
 * editable and cancellable on its own.
 */
export function stopRecurrence(
  db: Db,
  actor: Actor,
  id: string,
  options: { cancelUpcoming: boolean },
  now = Date.now(),
): { cancelled: number } {
  assertCan(actor, "incidents.write");
  const cancelled = db.transaction(
    (tx) => {
      const page = getPage(tx);
      const rule = page ? findRecurrence(tx, page.id, id) : null;
      if (!rule) throw notFound("Recurring maintenance");
      if (!rule.active) throw new DomainError("conflict", "This recurring maintenance is already stopped");
      deactivateRecurrence(tx, id, now);
      let count = 0;
      if (options.cancelUpcoming) {
        for (const occurrence of scheduledOccurrences(tx, id)) {
          if (
            transitionMaintenance(tx, actor, occurrence, "cancelled", {
              message: "This maintenance has been cancelled: the recurring schedule was stopped.",
              notify: false,
              at: now,
            })
          )
            count++;
        }
      }
      insertAuditEntry(tx, {
        at: now,
        ...auditActor(actor),
        action: "maintenance.recurrence_stop",
        targetType: "recurrence",
        targetId: id,
        detail: { name: rule.name, cancelledOccurrences: count },
      });
      return count;
    },
    { behavior: "immediate" },
  );
  return { cancelled };
}
