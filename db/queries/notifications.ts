// Reads for the notification pipeline: what a notification is about, and who receives it.
import { and, asc, eq, inArray, isNotNull, isNull, or } from "drizzle-orm";
import { hiddenFor, incidentHiddenFromPublic, notHidden } from "./audience";
import type { Db } from "../index";
import { stillInternal } from "@/core/audience";
import { withFollowers } from "@/core/incident-follow";
import type { Audience } from "../constants";
import { passwordResetOfNotification } from "./password-resets";
import { viewerLinkOfNotification } from "./viewers";
import {
  incidentComponents,
  incidents,
  incidentUpdateComponents,
  incidentUpdates,
  components,
  invitations,
  notifications,
  pages,
  subscriberComponents,
  subscribers,
  users,
} from "../schema";

/** Subscribers who get broadcast notifications: confirmed, not paused, suppressed or unsubscribed. */
const reachable = and(
  eq(subscribers.kind, "email"),
  eq(subscribers.state, "active"),
  isNull(subscribers.pausedAt),
  isNull(subscribers.suppressedAt),
  isNull(subscribers.unsubscribedAt),
);

/**
 * The subscribers a notification about an incident goes to, in a stable order (by id): everyone subscribed
 * to everything, those subscribed to at least one affected component, and the incident's own followers
 * (one email per address: core/incident-follow.ts). `viewerOidc`: whether viewer OIDC is configured (the
 * internal rule below); left out, it counts as not, so a caller that forgets it sends less, never more.
 */
export function incidentRecipientIds(
  db: Db,
  pageId: string,
  incidentId: string,
  options: { viewerOidc?: boolean } = {},
): string[] {
  // An incident hidden from the public (core/audience.ts) goes to internal subscribers only, and only to those
  // the page's current rule still makes internal (its domains or networks may have changed since they signed up).
  const internalOnly = incidentHiddenFromPublic(db, pageId, incidentId);
  const audience = internalOnly ? eq(subscribers.audience, "internal") : undefined;
  const rule = internalOnly
    ? db
        .select({ viewerEmailDomains: pages.viewerEmailDomains, viewerIpAllowlist: pages.viewerIpAllowlist })
        .from(pages)
        .where(eq(pages.id, pageId))
        .get()
    : undefined;
  const allowed = <T extends { audience: Audience; email: string | null }>(list: T[]) =>
    internalOnly
      ? list.filter((s) => rule && stillInternal(s, { ...rule, viewerOidc: options.viewerOidc ?? false }))
      : list;
  const affected = db
    .select({ id: incidentComponents.componentId })
    .from(incidentComponents)
    .where(eq(incidentComponents.incidentId, incidentId));
  const interested = db
    .select({ id: subscriberComponents.subscriberId })
    .from(subscriberComponents)
    .where(inArray(subscriberComponents.componentId, affected));
  const pageWide = db
    .select({ id: subscribers.id, email: subscribers.email, audience: subscribers.audience })
    .from(subscribers)
    .where(
      and(
        eq(subscribers.pageId, pageId),
        reachable,
        audience,
        isNull(subscribers.followIncidentId),
        or(eq(subscribers.allComponents, true), inArray(subscribers.id, interested)),
      ),
    )
    .all();
  const followers = db
    .select({ id: subscribers.id, email: subscribers.email, audience: subscribers.audience })
    .from(subscribers)
    .where(
      and(
        eq(subscribers.pageId, pageId),
        reachable,
        audience,
        eq(subscribers.followIncidentId, incidentId),
        isNull(subscribers.followEndedAt),
      ),
    )
    .all();
  return withFollowers(allowed(pageWide), allowed(followers));
}

/**
 * The listed subscribers who may still be mailed (someone may have unsubscribed since the fan-out).
 * A confirmation goes to a pending sign-up (even of an address suppressed before: it asked again);
 * everything else only to active, unpaused subscribers.
 */
export function reachableSubscribers(
  db: Db,
  ids: string[],
  purpose: "broadcast" | "confirm" | "manage" | "webhook_owner" = "broadcast",
) {
  if (ids.length === 0) return [];
  if (purpose === "webhook_owner") {
    // The owner a webhook or chat channel names, told once that it was disabled.
    return db
      .select({
        id: subscribers.id,
        email: subscribers.email,
        tokenVersion: subscribers.tokenVersion,
        confirmationSentAt: subscribers.confirmationSentAt,
        language: subscribers.language,
      })
      .from(subscribers)
      .where(
        and(inArray(subscribers.id, ids), inArray(subscribers.kind, ["webhook", "chat"]), isNotNull(subscribers.email)),
      )
      .all();
  }
  const rule =
    purpose === "confirm"
      ? eq(subscribers.state, "pending")
      : purpose === "manage"
        ? and(eq(subscribers.state, "active"), isNull(subscribers.suppressedAt))
        : reachable;
  return db
    .select({
      id: subscribers.id,
      email: subscribers.email,
      tokenVersion: subscribers.tokenVersion,
      confirmationSentAt: subscribers.confirmationSentAt,
      language: subscribers.language,
    })
    .from(subscribers)
    .where(and(inArray(subscribers.id, ids), eq(subscribers.kind, "email"), rule))
    .all();
}

export function getNotification(db: Db, id: string) {
  return db.select().from(notifications).where(eq(notifications.id, id)).get();
}

/** Everything a notification email says: the page, the incident, the update and the affected services. */
export function notificationContext(db: Db, notificationId: string, now = Date.now()) {
  const notification = getNotification(db, notificationId);
  if (!notification) return null;
  const page = db.select().from(pages).where(eq(pages.id, notification.pageId)).get()!;
  const incident = notification.incidentId
    ? (db.select().from(incidents).where(eq(incidents.id, notification.incidentId)).get() ?? null)
    : null;
  const update = notification.incidentUpdateId
    ? (db.select().from(incidentUpdates).where(eq(incidentUpdates.id, notification.incidentUpdateId)).get() ?? null)
    : null;
  let services: { name: string; status: string }[] = [];
  // The services listed leave out internal ones, unless the incident is itself internal: then every recipient
  // is an internal subscriber (incidentRecipientIds), who may read them.
  const internalIncident =
    notification.incidentId !== null && incidentHiddenFromPublic(db, notification.pageId, notification.incidentId);
  const hidden = hiddenFor(db, notification.pageId, internalIncident ? "internal" : "public");
  if (update) {
    services = db
      .select({ name: incidentUpdateComponents.componentName, status: incidentUpdateComponents.newStatus })
      .from(incidentUpdateComponents)
      .where(
        and(
          eq(incidentUpdateComponents.updateId, update.id),
          notHidden(incidentUpdateComponents.componentId, hidden.componentIds),
        ),
      )
      .orderBy(asc(incidentUpdateComponents.componentName))
      .all();
  }
  if (services.length === 0 && incident) {
    services = db
      .select({ name: components.name, status: components.status })
      .from(incidentComponents)
      .innerJoin(components, eq(components.id, incidentComponents.componentId))
      .where(and(eq(incidentComponents.incidentId, incident.id), notHidden(components.id, hidden.componentIds)))
      .orderBy(asc(components.name))
      .all();
  }
  const invitation =
    notification.kind === "team_invitation" ? invitationOfNotification(db, notification.payload, now) : null;
  const passwordReset =
    notification.kind === "password_reset" ? passwordResetOfNotification(db, notification.payload, now) : null;
  const viewerLink =
    notification.kind === "viewer_sign_in" ? viewerLinkOfNotification(db, notification.payload, now) : null;
  return { notification, page, incident, update, services, invitation, passwordReset, viewerLink };
}

/**
 * The invitation a team_invitation notification is about (its payload holds only the invitation's id),
 * with who sent it; null once it was accepted, revoked or expired, so a stale one is never mailed.
 */
export function invitationOfNotification(db: Db, payload: Record<string, unknown> | null, now = Date.now()) {
  const id = typeof payload?.invitationId === "string" ? payload.invitationId : null;
  if (!id) return null;
  const row = db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      inviterEmail: users.email,
      inviterName: users.name,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.id, id))
    .get();
  if (!row || row.acceptedAt !== null || row.revokedAt !== null || row.expiresAt <= now) return null;
  return row;
}

export type NotificationContext = NonNullable<ReturnType<typeof notificationContext>>;

/** Whether an endpoint (a subscriber that receives on its own address) failed its last send. */
export function endpointHasFailureStreak(db: Db, subscriberId: string): boolean {
  const row = db
    .select({ failures: subscribers.circuitFailures })
    .from(subscribers)
    .where(eq(subscribers.id, subscriberId))
    .get();
  return (row?.failures ?? 0) > 0;
}
