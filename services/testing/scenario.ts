// Builders for unit tests: a page with components and incidents in known states, written through the
// same write functions the app uses.
import type { ComponentStatus, IncidentKind, AnyIncidentStatus } from "@/db/constants";
import { openDatabase, type Db } from "@/db";
import { apiKeys, pages } from "@/db/schema";
import { insertUser } from "@/db/writes/users";
import { newId } from "@/core/ids";
import { insertComponent, insertGroup } from "@/db/writes/components";
import { insertIncident, insertIncidentUpdate } from "@/db/writes/incidents";
import { ensurePage } from "@/db/writes/page";
import { expect } from "vitest";
import { DomainError } from "@/core/errors";
import { HOUR, MINUTE } from "@/core/time";

export const T0 = Date.UTC(2026, 5, 11, 9, 0, 0);

export function emptyPage(timeZone = "Etc/UTC"): { db: Db; pageId: string } {
  const db = openDatabase(":memory:");
  ensurePage(db, { name: "Example IT Services", timeZone, at: T0 - 100 * HOUR });
  return { db, pageId: db.select().from(pages).get()!.id };
}

export function addGroup(db: Db, pageId: string, name: string, at = T0 - 50 * HOUR): string {
  return insertGroup(db, { pageId, name, at });
}

export function addComponent(
  db: Db,
  pageId: string,
  name: string,
  options: { groupId?: string; status?: ComponentStatus; at?: number } = {},
): string {
  return insertComponent(db, {
    pageId,
    name,
    groupId: options.groupId ?? null,
    status: options.status,
    at: options.at ?? T0 - 50 * HOUR,
    actor: { source: "manual" },
  });
}

export interface TimelineStep {
  status: AnyIncidentStatus;
  body?: string;
  /** Minutes after the start. */
  after?: number;
  set?: Record<string, ComponentStatus>;
}

/** An incident or maintenance with a timeline; maintenances get a window starting at `start`. */
export function addIncident(
  db: Db,
  pageId: string,
  input: {
    kind?: IncidentKind;
    name: string;
    start: number;
    steps: TimelineStep[];
    componentIds?: string[];
    windowMinutes?: number;
  },
): string {
  const kind = input.kind ?? "incident";
  return db.transaction((tx) => {
    const id = insertIncident(tx, {
      pageId,
      kind,
      name: input.name,
      status: input.steps[0]?.status ?? (kind === "incident" ? "investigating" : "scheduled"),
      startedAt: input.start,
      at: input.start,
      componentIds: input.componentIds ?? [],
      maintenance:
        kind === "maintenance"
          ? {
              scheduledFor: input.start,
              scheduledUntil: input.start + (input.windowMinutes ?? 120) * MINUTE,
              autoStart: true,
              autoComplete: true,
              remindBeforeMinutes: 60,
              setComponentsUnderMaintenance: true,
            }
          : undefined,
    });
    input.steps.forEach((step, i) => {
      const at = input.start + (step.after ?? i * 10) * MINUTE;
      insertIncidentUpdate(tx, {
        incidentId: id,
        status: step.status,
        body: step.body ?? `${step.status} update`,
        displayAt: at,
        at,
        deliverNotifications: true,
        componentStatuses: step.set,
      });
    });
    return id;
  });
}

/** A member with a placeholder password hash (these tests never sign in), as an Actor. */
export function addMember(db: Db, role: "owner" | "admin" | "editor", email = `${role}@example.org`) {
  const userId = insertUser(db, { email, passwordHash: "scrypt$test-only", role, at: T0 - 100 * HOUR });
  return { type: "user" as const, userId, label: email, role };
}

/** An API key row, as an Actor. */
export function addApiKeyActor(db: Db, role: "read" | "editor" | "admin", name = `${role} key`) {
  const apiKeyId = newId();
  db.insert(apiKeys)
    .values({ id: apiKeyId, name, role, keyHash: `hash-${apiKeyId}`, prefix: "sp_test", createdAt: T0 - HOUR })
    .run();
  return { type: "api_key" as const, apiKeyId, label: name, role };
}

/** Runs `fn` and checks it failed with a DomainError of `code` (and, if given, naming `field`). */
export function expectDomainError(fn: () => unknown, code: string, field?: string): DomainError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe(code);
    if (field) expect(Object.keys((err as DomainError).fields)).toContain(field);
    return err as DomainError;
  }
  throw new Error("expected a DomainError");
}
