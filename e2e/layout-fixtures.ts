// Fixtures for the public layout specs: groups, described services, subscribers with their link tokens and
// recurring maintenance, made through the real write layer in the server's database file and removed after
// each test. Extends the public fixtures (services and incidents).
import { eq, inArray } from "drizzle-orm";
import type { ComponentStatus } from "@/db/constants";
import { getPageRow } from "@/db/queries/subscribers";
import { componentGroups, components, incidents, maintenanceRecurrences, subscribers } from "@/db/schema";
import { insertComponent, insertGroup } from "@/db/writes/components";
import { ensureAppSecret } from "@/db/writes/page";
import { insertRecurrence } from "@/db/writes/recurrences";
import { insertEmailSubscriber, setPaused } from "@/db/writes/subscribers";
import { generateRecurringMaintenances } from "@/services/incidents/recurrence";
import { confirmationToken, signSubscriberToken } from "@/services/notifications/tokens";
import { startConfirmation } from "@/services/subscriptions/subscribe";
import { test as base } from "./public-fixtures";

export interface SubscriberLinks {
  id: string;
  email: string;
  manage: string;
  unsubscribe: string;
}

export interface LayoutFixtures {
  /** A group with one service per status given (each with a long description), all showcased. */
  makeGroup: (
    name: string,
    statuses: ComponentStatus[],
    options?: { description?: string },
  ) => { groupId: string; serviceIds: string[] };
  /** An active email subscriber and its manage and unsubscribe tokens. */
  makeSubscriber: (options?: { paused?: boolean; componentIds?: string[] }) => SubscriberLinks;
  /** A pending sign-up and its confirmation token (its confirmation email goes to the fake Resend server). */
  makePendingSignUp: () => { id: string; email: string; confirm: string };
  /** A weekly recurring maintenance rule and the occurrences it creates over the horizon. */
  makeWeeklyMaintenance: (name: string, componentIds: string[]) => { recurrenceId: string; occurrenceIds: string[] };
}

export const LONG_DESCRIPTION =
  "Sign-in for every staff and student account, including single sign-on for the library and the print portal.";

export const test = base.extend<LayoutFixtures>({
  makeGroup: async ({ db, pageId }, use) => {
    const groups: string[] = [];
    const services: string[] = [];
    await use((name, statuses, options = {}) => {
      const at = Date.now() - 7 * 24 * 3_600_000;
      const groupId = insertGroup(db, { pageId, name, description: options.description ?? null, at });
      groups.push(groupId);
      const serviceIds = statuses.map((status, i) =>
        insertComponent(db, {
          pageId,
          groupId,
          name: `${name} service ${i + 1}`,
          description: LONG_DESCRIPTION,
          status,
          at,
          actor: { source: "manual" },
        }),
      );
      services.push(...serviceIds);
      return { groupId, serviceIds };
    });
    if (services.length) db.delete(components).where(inArray(components.id, services)).run();
    if (groups.length) db.delete(componentGroups).where(inArray(componentGroups.id, groups)).run();
  },
  makeSubscriber: async ({ db, pageId, unique }, use) => {
    const made: string[] = [];
    await use((options = {}) => {
      const now = Date.now();
      const email = `${unique("layout").replace(/\W+/g, "-").toLowerCase()}@example.com`;
      const id = insertEmailSubscriber(db, {
        pageId,
        email,
        at: now,
        state: "active",
        componentIds: options.componentIds,
      });
      if (options.paused) setPaused(db, id, true, now);
      made.push(id);
      const s = db.select().from(subscribers).where(eq(subscribers.id, id)).get()!;
      const secret = ensureAppSecret(db, now);
      return {
        id,
        email,
        manage: signSubscriberToken(secret, "manage", id, s.tokenVersion),
        unsubscribe: signSubscriberToken(secret, "unsubscribe", id, s.tokenVersion),
      };
    });
    if (made.length) db.delete(subscribers).where(inArray(subscribers.id, made)).run();
  },
  makePendingSignUp: async ({ db, unique }, use) => {
    const made: string[] = [];
    await use(() => {
      const now = Date.now();
      const email = `${unique("pending").replace(/\W+/g, "-").toLowerCase()}@example.com`;
      const page = getPageRow(db)!;
      const id = db.transaction((tx) => startConfirmation(tx, page, null, { email, componentIds: [] }, now));
      made.push(id);
      return { id, email, confirm: confirmationToken(ensureAppSecret(db, now), id, now) };
    });
    if (made.length) db.delete(subscribers).where(inArray(subscribers.id, made)).run();
  },
  makeWeeklyMaintenance: async ({ db, pageId }, use) => {
    const made: string[] = [];
    await use((name, componentIds) => {
      const recurrenceId = insertRecurrence(db, {
        pageId,
        name,
        body: "Security updates for the file servers. Expect short interruptions.",
        rule: "FREQ=WEEKLY;BYDAY=SU",
        startTime: "02:00",
        durationMinutes: 60,
        timeZone: "Etc/UTC",
        componentIds,
        remindBeforeMinutes: null,
        autoStart: true,
        autoComplete: true,
        at: Date.now(),
      });
      made.push(recurrenceId);
      const occurrenceIds = generateRecurringMaintenances(db)
        .filter((m) => m.recurrenceId === recurrenceId)
        .map((m) => m.maintenanceId);
      return { recurrenceId, occurrenceIds };
    });
    if (made.length) {
      db.delete(incidents).where(inArray(incidents.recurrenceId, made)).run();
      db.delete(maintenanceRecurrences).where(inArray(maintenanceRecurrences.id, made)).run();
    }
  },
});

export { expect } from "./public-fixtures";
