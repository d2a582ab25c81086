// One step of a plan (apply.ts), and what every planner shares: names compared case-insensitively, the field
// differences an update lists, and the verbs' outcomes turned into refusals that roll the transaction back.
import type { Db } from "@/db";
import type { Component, ComponentGroup } from "@/db/schema";
import type { Actor } from "@/core/actor";
import { DomainError } from "@/core/errors";
import type * as services from "@/services/console/services";

export interface Change {
  action: "create" | "update" | "delete";
  what: "group" | "service" | "monitor" | "integration";
  name: string;
  /** Fields that differ, for an update. */
  fields?: string[];
  run: (db: Db) => string | void;
}

/** What the planners read: the page, who applies, when, and today's groups and services. */
export interface PlanContext {
  pageId: string;
  actor: Actor;
  now: number;
  current: { groups: ComponentGroup[]; components: Component[] };
  /** Ids resolve when a change runs: a service created a moment before is found by name then. */
  groupId(d: Db, name: string | null): string | null;
  serviceId(d: Db, name: string): string;
}

export const key = (s: string) => s.trim().toLowerCase();

export const ok = <T extends object>(o: services.Outcome<T>): T => {
  if (o.ok) return o;
  throw new DomainError(
    o.reason === "gone" ? "not_found" : o.reason,
    `${o.message}${o.errors ? ` ${JSON.stringify(o.errors)}` : ""}`,
  );
};

export function differing(want: Record<string, unknown>, have: Record<string, unknown>): string[] {
  return Object.keys(want).filter(
    (k) => want[k] !== undefined && JSON.stringify(want[k]) !== JSON.stringify(have[k] ?? null),
  );
}
