// Every page of the app, read from the file system (each app/**/page.tsx is a route), and the real rows the
// axe run opens them with. A new page is checked from the day it is added; a new dynamic segment without an
// id below makes the run fail, so nobody can forget it.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import {
  componentGroups,
  components,
  deliveries,
  emailMessages,
  incidents,
  incidentTemplates,
  incidentUpdates,
  integrations,
  maintenanceRecurrences,
  monitorResults,
  monitors,
  pages,
  subscribers,
  users,
} from "@/db/schema";
import { insertComponent, insertGroup } from "@/db/writes/components";
import { insertIncident, insertIncidentUpdate } from "@/db/writes/incidents";
import { insertPasswordReset } from "@/db/writes/password-resets";
import { insertMonitor } from "@/db/writes/monitors";
import { insertIntegration } from "@/db/writes/integrations";
import { integrationInput } from "@/core/integration-settings";
import { ensureAppSecret } from "@/db/writes/page";
import { insertRecurrence } from "@/db/writes/recurrences";
import { confirmSubscriber, insertEmailSubscriber, upsertPendingSubscriber } from "@/db/writes/subscribers";
import { upsertPendingSmsSubscriber } from "@/db/writes/sms";
import { smsManageToken } from "@/services/sms/manage";
import { insertInvitation } from "@/db/writes/team";
import { insertTemplate } from "@/db/writes/templates";
import { hashToken } from "@/services/auth/tokens";
import { newId } from "@/core/ids";
import { confirmTokenHash } from "@/services/subscriptions/subscribe";
import { confirmationToken, passwordResetToken, signSubscriberToken } from "@/services/notifications/tokens";
import { DAY, HOUR, MINUTE } from "@/core/time";

/** "/admin/incidents/[id]" for app/admin/incidents/[id]/page.tsx; route groups "(x)" leave the path. */
export function appRoutes(appDir = path.resolve("app")): string[] {
  const routes: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        // Private folders (_x) and parallel-route slots (@x) are not URL segments of their own pages.
        if (entry.name.startsWith("_") || entry.name.startsWith("@")) continue;
        walk(path.join(dir, entry.name), /^\(.*\)$/.test(entry.name) ? segments : [...segments, entry.name]);
      } else if (/^page\.(tsx|ts|jsx|js|mdx)$/.test(entry.name)) {
        routes.push(`/${segments.join("/")}`);
      }
    }
  };
  walk(appDir, []);
  return routes.sort();
}

/**
 * Route handlers that answer a page of HTML themselves (they need a status a page cannot set, such as 410):
 * every route.ts under app/ that answers GET and whose source speaks of text/html or answers through the
 * plain-page frame (services/subscriptions/plain-page.ts), except those in NOT_PAGES.
 */
const NOT_PAGES: Record<string, string> = {
  // A sent email's own HTML, shown inside a sandboxed frame: the templates' concern (emails/templates.test.tsx).
  "/admin/mail/[id]/html": "an email, not a page",
};

/** A page a browser can open: the handler answers GET, with HTML (a POST-only handler's refusal pages are
 *  its own tests' concern, e.g. services/votes/vote-route.test.ts). */
function answersPageOnGet(source: string): boolean {
  return (
    /text\/html|plain-page|unsubscribe-page/.test(source) &&
    /export\s+(async\s+)?function\s+GET\b|export\s+const\s+GET\b|export\s*\{[^}]*\bGET\b/.test(source)
  );
}

export function htmlRouteHandlers(appDir = path.resolve("app")): string[] {
  const routes: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name.startsWith("_") || entry.name.startsWith("@")) continue;
        walk(full, /^\(.*\)$/.test(entry.name) ? segments : [...segments, entry.name]);
      } else if (/^route\.(ts|js)$/.test(entry.name) && answersPageOnGet(fs.readFileSync(full, "utf8"))) {
        const route = `/${segments.join("/")}`;
        if (!(route in NOT_PAGES)) routes.push(route);
      }
    }
  };
  walk(appDir, []);
  return routes.sort();
}

/** The value for each dynamic segment, keyed by "<parent segment>/[param]". */
export type SegmentValues = Record<string, string>;

/** Fills a route's dynamic segments; throws naming the route when one has no value. */
export function routeUrl(route: string, values: SegmentValues): string {
  const parts = route.split("/");
  return parts
    .map((part, i) => {
      if (!/^\[.+\]$/.test(part)) return part;
      const key = `${parts[i - 1]}/${part}`;
      const value = values[key];
      if (value === undefined)
        throw new Error(`No fixture for the dynamic segment ${key} of ${route}: add one to e2e/app-routes.ts`);
      return encodeURIComponent(value);
    })
    .join("/");
}

/**
 * Real rows for every dynamic segment, written through the write layer into the server's database. The
 * email and notification come from a real delivery: `sentEmail` finds them once the worker has sent one.
 */
export function makeRouteData(
  db: Db,
  label: string,
): { values: Omit<SegmentValues, "mail/[id]" | "notifications/[id]">; subscriberEmail: string } {
  const now = Date.now();
  const pageId = db.select({ id: pages.id }).from(pages).get()!.id;
  const secret = ensureAppSecret(db, now);
  return db.transaction((tx) => {
    // /report answers 404 unless the admin published it.
    tx.update(pages).set({ publicReport: true }).where(eq(pages.id, pageId)).run();
    const groupId = insertGroup(tx, { pageId, name: `${label} group`, at: now });
    const serviceId = insertComponent(tx, {
      pageId,
      groupId,
      name: `${label} service`,
      at: now - 7 * DAY,
      actor: { source: "manual" },
    });
    const incidentId = insertIncident(tx, {
      pageId,
      kind: "incident",
      name: `${label} incident`,
      status: "investigating",
      startedAt: now - 20 * MINUTE,
      at: now - 20 * MINUTE,
      componentIds: [serviceId],
    });
    const updates: { status: "investigating" | "identified"; body: string; set?: "degraded_performance" }[] = [
      {
        status: "investigating",
        body: "Looking into **slow logins**. See [the docs](https://example.org).",
        set: "degraded_performance",
      },
      { status: "identified", body: "## Cause\n\n- found\n- fix rolling out" },
    ];
    updates.forEach((u, i) => {
      const at = now - (20 - i) * MINUTE;
      insertIncidentUpdate(tx, {
        incidentId,
        status: u.status,
        body: u.body,
        displayAt: at,
        at,
        deliverNotifications: false,
        componentStatuses: u.set ? { [serviceId]: u.set } : undefined,
      });
    });
    const updateId = tx
      .select({ id: incidentUpdates.id })
      .from(incidentUpdates)
      .where(eq(incidentUpdates.incidentId, incidentId))
      .all()[0].id;
    const maintenanceId = insertIncident(tx, {
      pageId,
      kind: "maintenance",
      name: `${label} maintenance`,
      status: "scheduled",
      startedAt: now + DAY,
      at: now,
      componentIds: [serviceId],
      maintenance: {
        scheduledFor: now + DAY,
        scheduledUntil: now + DAY + HOUR,
        autoStart: false,
        autoComplete: false,
        remindBeforeMinutes: null,
        setComponentsUnderMaintenance: true,
      },
    });
    insertIncidentUpdate(tx, {
      incidentId: maintenanceId,
      status: "scheduled",
      body: "Replacing a switch.",
      displayAt: now,
      at: now,
      deliverNotifications: false,
    });
    const templateId = insertTemplate(
      tx,
      pageId,
      {
        name: `${label} template`,
        title: "Logins are slow",
        body: "We are looking into it.",
        status: "investigating",
        componentIds: [serviceId],
        componentStatus: "degraded_performance",
      },
      now,
    );
    const recurrenceId = insertRecurrence(tx, {
      pageId,
      name: `${label} weekly`,
      body: "Patching.",
      rule: "FREQ=WEEKLY;BYDAY=WE",
      startTime: "03:00",
      durationMinutes: 30,
      timeZone: "Etc/UTC",
      componentIds: [serviceId],
      remindBeforeMinutes: null,
      autoStart: true,
      autoComplete: true,
      at: now,
    });
    const subscriberEmail = `${label.replace(/\W+/g, "-").toLowerCase()}-reader@example.com`;
    const subscriberId = insertEmailSubscriber(tx, { pageId, email: subscriberEmail, state: "active", at: now });
    const pendingId = newId();
    const confirm = confirmationToken(secret, pendingId, now);
    upsertPendingSubscriber(tx, pageId, null, {
      id: pendingId,
      email: `${label.replace(/\W+/g, "-").toLowerCase()}-pending@example.com`,
      componentIds: [],
      confirmTokenHash: confirmTokenHash(tx, pendingId, now),
      at: now,
      expiresAt: now + DAY,
    });
    const smsId = upsertPendingSmsSubscriber(tx, pageId, null, {
      phone: `+4917${String(now).slice(-8)}`,
      componentIds: [],
      allImpacts: false,
      codeHash: hashToken(randomBytes(16).toString("hex")),
      at: now,
      expiresAt: now + DAY,
    });
    confirmSubscriber(tx, smsId, now);
    const smsVersion = tx
      .select({ v: subscribers.tokenVersion })
      .from(subscribers)
      .where(eq(subscribers.id, smsId))
      .get()!.v;
    const inviteToken = randomBytes(32).toString("base64url");
    insertInvitation(tx, {
      email: `${label.replace(/\W+/g, "-").toLowerCase()}-invitee@example.com`,
      role: "editor",
      tokenHash: hashToken(inviteToken),
      invitedBy: null,
      expiresAt: now + DAY,
      at: now,
    });
    // A reset link of the first member (the page only shows the form; nothing is changed by opening it).
    const resetId = newId();
    const memberId = tx.select({ id: users.id }).from(users).get()!.id;
    const resetToken = passwordResetToken(secret, resetId);
    insertPasswordReset(tx, {
      id: resetId,
      userId: memberId,
      tokenHash: hashToken(resetToken),
      expiresAt: now + HOUR,
      at: now,
    });
    // A paused monitor (nothing is checked) with a day of results, so the list's sparkline and chart are drawn.
    const monitorId = insertMonitor(tx, {
      pageId,
      at: now - DAY,
      settings: {
        name: `${label} monitor`,
        kind: "tcp",
        config: { host: "127.0.0.1", port: 9 },
        intervalSeconds: 60,
        timeoutMs: 1_000,
        componentId: serviceId,
        failureStatus: "major_outage",
        slowThresholdMs: null,
        failuresBeforeDown: 3,
        successesBeforeUp: 2,
        paused: true,
        incidentMode: "status_only",
        templateId: null,
      },
    });
    tx.insert(monitorResults)
      .values(
        [5, 4, 3, 2, 1].map((h) => ({
          monitorId,
          at: now - h * HOUR,
          outcome: h === 3 ? ("down" as const) : ("up" as const),
          responseMs: h === 3 ? null : 100 + h * 10,
        })),
      )
      .run();
    const integrationId = insertIntegration(tx, {
      pageId,
      settings: integrationInput.parse({ name: `${label} alerts`, kind: "generic" }),
      secretHash: hashToken(randomBytes(16).toString("hex")),
      at: now,
    });
    return {
      subscriberEmail,
      values: {
        "incidents/[id]": incidentId,
        "updates/[updateId]": updateId,
        "helpful/[updateId]": updateId,
        "templates/[id]": templateId,
        "maintenance/[id]": maintenanceId,
        "recurring/[id]": recurrenceId,
        "services/[id]": serviceId,
        "groups/[id]": groupId,
        "subscribers/[id]": subscriberId,
        "sms/[id]": smsId,
        "sms/[token]": smsManageToken(secret, { id: smsId, tokenVersion: smsVersion }, now + DAY),
        "invite/[token]": inviteToken,
        "manage/[token]": signSubscriberToken(secret, "manage", subscriberId, 1),
        "unsubscribe/[token]": signSubscriberToken(secret, "unsubscribe", subscriberId, 1),
        "confirm/[token]": confirm,
        "reset/[token]": resetToken,
        "monitors/[id]": monitorId,
        "integrations/[id]": integrationId,
      },
    };
  });
}

/** The newest stored email to `to` and its notification, once the worker has sent one. */
export function sentEmail(db: Db, to: string): { emailId: string; notificationId: string } | null {
  const row = db
    .select({ emailId: emailMessages.id, notificationId: deliveries.notificationId })
    .from(emailMessages)
    .innerJoin(deliveries, eq(deliveries.id, emailMessages.deliveryId))
    .where(eq(emailMessages.toAddress, to))
    .get();
  return row ?? null;
}

/**
 * Removes what makeRouteData put on the public page (its open incident and degraded service, its maintenance
 * and recurring series): the specs after the axe run read the page's overall status and its next windows.
 */
export function removeRouteData(db: Db, values: SegmentValues): void {
  db.transaction((tx) => {
    tx.update(pages).set({ publicReport: false }).run();
    const recurrenceId = values["recurring/[id]"];
    tx.delete(incidents)
      .where(inArray(incidents.id, [values["incidents/[id]"], values["maintenance/[id]"]]))
      .run();
    if (recurrenceId) tx.delete(incidents).where(eq(incidents.recurrenceId, recurrenceId)).run();
    if (recurrenceId) tx.delete(maintenanceRecurrences).where(eq(maintenanceRecurrences.id, recurrenceId)).run();
    if (values["monitors/[id]"]) tx.delete(monitors).where(eq(monitors.id, values["monitors/[id]"])).run();
    if (values["templates/[id]"])
      tx.delete(incidentTemplates).where(eq(incidentTemplates.id, values["templates/[id]"])).run();
    if (values["services/[id]"]) tx.delete(components).where(eq(components.id, values["services/[id]"])).run();
    if (values["groups/[id]"]) tx.delete(componentGroups).where(eq(componentGroups.id, values["groups/[id]"])).run();
    if (values["integrations/[id]"])
      tx.delete(integrations).where(eq(integrations.id, values["integrations/[id]"])).run();
  });
}
