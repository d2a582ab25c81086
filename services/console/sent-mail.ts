// The console's Sent mail: what was rendered and to whom, and how each notification's delivery went.
// Recipients are personal data, so every read here checks the viewer's role itself (admins and owners),
// whatever the page in front of it already checked.
import { z } from "zod";
import type { Tx } from "@/db";
import {
  EMAIL_MESSAGE_STATES,
  type DeliveryState,
  type EmailMessageState,
  type NotificationKind,
  type UserRole,
} from "@/db/constants";
import {
  getEmailMessage,
  getNotificationDeliveries,
  listEmailMessages,
  listNotificationSummaries,
} from "@/db/queries/sent-mail";
import { DomainError, notFound } from "@/core/errors";
import { hasRole } from "@/services/auth/roles";
import { isId } from "@/core/ids";

export interface MailViewer {
  role: UserRole;
}

export const SENT_MAIL_PAGE_SIZE = 50;
export const NOTIFICATIONS_PAGE_SIZE = 25;

export const EMAIL_STATE_LABELS: Record<EmailMessageState, string> = {
  queued: "Queued",
  sent: "Sent",
  delivered: "Delivered",
  delivery_delayed: "Delayed",
  bounced: "Bounced",
  complained: "Marked as spam",
  failed: "Failed",
  kept_locally: "Kept locally",
};

export const DELIVERY_STATE_LABELS: Record<DeliveryState, string> = {
  pending: "Pending",
  sending: "Sending",
  sent: "Sent",
  failed: "Failed",
  parked: "Parked (quota)",
};

/**
 * The batch states as the console words them. Without a Resend key a "sent" batch went nowhere: its emails
 * were kept in the local outbox, and the console must not say they were sent.
 */
export function deliveryStateLabels(mode: "resend" | "local"): Record<DeliveryState, string> {
  return mode === "resend" ? DELIVERY_STATE_LABELS : { ...DELIVERY_STATE_LABELS, sent: "Kept in the local outbox" };
}

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  incident_created: "Incident created",
  incident_updated: "Incident updated",
  incident_resolved: "Incident resolved",
  postmortem_published: "Postmortem published",
  maintenance_scheduled: "Maintenance scheduled",
  maintenance_rescheduled: "Maintenance rescheduled",
  maintenance_cancelled: "Maintenance cancelled",
  maintenance_reminder: "Maintenance reminder",
  maintenance_started: "Maintenance started",
  maintenance_completed: "Maintenance completed",
  component_updated: "Service status changed",
  subscription_confirm: "Subscription confirmation",
  subscription_manage_link: "Manage link",
  webhook_disabled: "Webhook disabled",
  webhook_verification: "Webhook verification",
  team_invitation: "Team invitation",
  password_reset: "Password reset",
  viewer_sign_in: "Viewer sign-in link",
  monitor_down: "Monitor down (team alert)",
  report_spike: "Visitor reports spike (team alert)",
  report_thanks: "Thank you for reporting",
  sms_verification: "SMS verification code",
  sms_already_subscribed: "SMS: already subscribed",
  sms_manage_code: "SMS manage code",
  publish_failing: "Static copy failing (team alert)",
  publish_recovered: "Static copy publishing again (team alert)",
  monthly_report: "This month in IT (team)",
  monthly_report_subscribers: "This month in IT (subscribers)",
};

/** The list's filters, from the query string. Anything unreadable is ignored rather than failing the page. */
export const sentMailFilterSchema = z.object({
  state: z.enum(EMAIL_MESSAGE_STATES).optional().catch(undefined),
  q: z.string().trim().max(254).optional().catch(undefined),
  before: z.string().refine(isId).optional().catch(undefined),
});
export type SentMailQuery = z.infer<typeof sentMailFilterSchema>;

function assertMayReadMail(viewer: MailViewer): void {
  if (!hasRole(viewer.role, "admin")) throw new DomainError("forbidden", "Only admins and owners may read sent mail.");
}

/** A page of emails, newest first, and the cursor of the next (older) page if there is one. */
export function sentMailPage(tx: Tx, viewer: MailViewer, query: SentMailQuery) {
  assertMayReadMail(viewer);
  const rows = listEmailMessages(
    tx,
    { state: query.state, search: query.q || undefined, before: query.before },
    SENT_MAIL_PAGE_SIZE + 1,
  );
  const more = rows.length > SENT_MAIL_PAGE_SIZE;
  const emails = rows.slice(0, SENT_MAIL_PAGE_SIZE);
  return { emails, olderCursor: more ? emails.at(-1)!.id : null };
}

/** One email in full; not_found for an unknown or malformed id. */
export function sentMailDetail(tx: Tx, viewer: MailViewer, id: string) {
  assertMayReadMail(viewer);
  const found = isId(id) ? getEmailMessage(tx, id) : null;
  if (!found) throw notFound("This email");
  return { ...found, bodyRemoved: found.message.html === "" && found.message.text === "" };
}

export function notificationsPage(tx: Tx, viewer: MailViewer, before?: string) {
  assertMayReadMail(viewer);
  const rows = listNotificationSummaries(
    tx,
    { before: before && isId(before) ? before : undefined },
    NOTIFICATIONS_PAGE_SIZE + 1,
  );
  const more = rows.length > NOTIFICATIONS_PAGE_SIZE;
  const notifications = rows.slice(0, NOTIFICATIONS_PAGE_SIZE);
  return { notifications, olderCursor: more ? notifications.at(-1)!.id : null };
}

export function notificationDetail(tx: Tx, viewer: MailViewer, id: string) {
  assertMayReadMail(viewer);
  const found = isId(id) ? getNotificationDeliveries(tx, id) : null;
  if (!found) throw notFound("This notification");
  return found;
}

/**
 * The Content-Security-Policy an email's HTML is served with: no scripts, no forms, no plugins, no requests
 * except images, and a sandbox without same-origin so it cannot reach the console even if something slipped in.
 */
export const EMAIL_PREVIEW_CSP =
  "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

/** Runs a read and turns its not_found into null, for pages that answer 404 with notFound(). */
export function orNull<T>(read: () => T): T | null {
  try {
    return read();
  } catch (err) {
    if (err instanceof DomainError && err.code === "not_found") return null;
    throw err;
  }
}
