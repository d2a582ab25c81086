// Fixtures for the public page specs: services and incidents made through the real write layer, in the
// server's database file, removed after each test. Extends the shared `test` from ./fixtures.
import { inArray } from "drizzle-orm";
import type { AnyIncidentStatus, ComponentStatus, IncidentKind } from "@/db/constants";
import { components, incidents } from "@/db/schema";
import { insertComponent, setComponentStatus } from "@/db/writes/components";
import { insertIncident, insertIncidentUpdate, type MaintenanceWindow } from "@/db/writes/incidents";
import { MINUTE } from "@/core/time";
import type { Page } from "@playwright/test";
import { expect, test as base } from "./fixtures";

export interface IncidentInput {
  name: string;
  kind?: IncidentKind;
  startedAt?: number;
  componentIds: string[];
  maintenance?: MaintenanceWindow;
  /** Written in this order, one minute apart from startedAt. */
  updates: { status: AnyIncidentStatus; body: string; set?: ComponentStatus }[];
}

export interface PublicFixtures {
  /** A new top-level service with uptime bars, live since `since` (default: a week ago). */
  makeService: (name: string, options?: { since?: number; onlyShowIfDegraded?: boolean }) => string;
  /** An incident or maintenance with its timeline; `set` changes every listed component's status. */
  makeIncident: (input: IncidentInput) => string;
  /** A status change in the past, as the history records it. */
  setStatus: (componentId: string, status: ComponentStatus, at: number) => void;
}

export const test = base.extend<PublicFixtures>({
  makeService: async ({ db, pageId }, use) => {
    const made: string[] = [];
    await use((name, options = {}) => {
      const at = options.since ?? Date.now() - 7 * 24 * 60 * MINUTE;
      const id = insertComponent(db, {
        pageId,
        name,
        at,
        onlyShowIfDegraded: options.onlyShowIfDegraded,
        actor: { source: "manual" },
      });
      made.push(id);
      return id;
    });
    if (made.length) db.delete(components).where(inArray(components.id, made)).run();
  },
  makeIncident: async ({ db, pageId }, use) => {
    const made: string[] = [];
    await use((input) => {
      const startedAt = input.startedAt ?? Date.now() - 10 * MINUTE;
      const kind = input.kind ?? "incident";
      const id = db.transaction((tx) => {
        const incidentId = insertIncident(tx, {
          pageId,
          kind,
          name: input.name,
          status: input.updates[0]?.status ?? (kind === "incident" ? "investigating" : "scheduled"),
          startedAt,
          at: startedAt,
          componentIds: input.componentIds,
          maintenance: input.maintenance,
        });
        input.updates.forEach((u, i) => {
          const at = startedAt + i * MINUTE;
          insertIncidentUpdate(tx, {
            incidentId,
            status: u.status,
            body: u.body,
            displayAt: at,
            at,
            deliverNotifications: false,
            componentStatuses: u.set ? Object.fromEntries(input.componentIds.map((c) => [c, u.set!])) : undefined,
          });
        });
        return incidentId;
      });
      made.push(id);
      return id;
    });
    if (made.length) db.delete(incidents).where(inArray(incidents.id, made)).run();
  },
  setStatus: async ({ db }, use) => {
    await use((componentId, status, at) => {
      setComponentStatus(db, componentId, status, at, { source: "manual" });
    });
  },
});

export { expect };

/** Reloads until the public page shows what the console just did (the public cache is short-lived). */
export async function expectPublic(page: Page, url: string, check: () => Promise<void>) {
  await page.goto(url);
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout: 30_000 });
}
