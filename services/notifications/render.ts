// Renders a notification once (React Email, HTML and plain text) with placeholders where each recipient's
// links go, then personalises it per recipient by plain substitution: fast for 10,000 recipients, and the
// same input always gives the same bytes.
import { render } from "@react-email/render";
import { createElement, type ComponentType } from "react";
import {
  COMPONENT_STATUS_LABELS,
  INCIDENT_STATUS_LABELS,
  USER_ROLE_LABELS,
  type ComponentStatus,
  type NotificationKind,
} from "@/db/constants";
import type { NotificationContext } from "@/db/queries/notifications";
import type { Branding } from "@/emails/components/layout";
import type { NotificationEmailProps } from "@/emails/components/notification-email";
import { headerValue, headerValues } from "@/services/mail/headers";
import IncidentCreated from "@/emails/incident-created";
import IncidentResolved from "@/emails/incident-resolved";
import IncidentUpdated from "@/emails/incident-updated";
import MaintenanceCancelled from "@/emails/maintenance-cancelled";
import MaintenanceCompleted from "@/emails/maintenance-completed";
import MaintenanceReminder from "@/emails/maintenance-reminder";
import MaintenanceRescheduled from "@/emails/maintenance-rescheduled";
import MaintenanceScheduled from "@/emails/maintenance-scheduled";
import MaintenanceStarted from "@/emails/maintenance-started";
import ManageLink from "@/emails/manage-link";
import PasswordReset from "@/emails/password-reset";
import PostmortemPublished from "@/emails/postmortem-published";
import SubscriptionConfirmation from "@/emails/subscription-confirmation";
import MonitorDown from "@/emails/monitor-down";
import ReportSpike from "@/emails/report-spike";
import ReportThanks from "@/emails/report-thanks";
import TeamInvitation from "@/emails/team-invitation";
import WebhookDisabled from "@/emails/webhook-disabled";
import { renderMarkdown } from "@/services/markdown";
import { renderMonthlyReport } from "@/services/reports/monthly-email";
import {
  formatInZone,
  formatWindow,
  notificationSubject,
  SUBJECT_PREFIX,
  threadHeaders,
  unsubscribeHeaders,
} from "./content";

const MANAGE = "xxmanagetokenxx";
const UNSUBSCRIBE = "xxunsubscribetokenxx";
/** A one-person message's single-use link token (confirmation, invitation): derived per recipient, never stored. */
const LINK = "xxlinktokenxx";
/** The subscriber's voter token for "Was this helpful?" (services/votes), signed per recipient. */
const VOTE = "xxvotetokenxx";

type Template = { component: ComponentType<NotificationEmailProps>; intro: string };

const TEMPLATES: Partial<Record<NotificationKind, Template>> = {
  incident_created: { component: IncidentCreated, intro: "A new incident affects our services." },
  incident_updated: { component: IncidentUpdated, intro: "There is an update on this incident." },
  incident_resolved: { component: IncidentResolved, intro: "This incident has been resolved." },
  postmortem_published: { component: PostmortemPublished, intro: "The postmortem for this incident is published." },
  maintenance_scheduled: { component: MaintenanceScheduled, intro: "Maintenance is planned." },
  maintenance_rescheduled: { component: MaintenanceRescheduled, intro: "This maintenance has moved to a new time." },
  maintenance_cancelled: { component: MaintenanceCancelled, intro: "This maintenance has been cancelled." },
  maintenance_reminder: { component: MaintenanceReminder, intro: "This maintenance starts soon." },
  maintenance_started: { component: MaintenanceStarted, intro: "This maintenance has started." },
  maintenance_completed: { component: MaintenanceCompleted, intro: "This maintenance is complete." },
};

export interface RenderedTemplate {
  subject: string;
  html: string;
  text: string;
  incidentId: string | null;
  /** A message for one person that needs no unsubscribe header (confirmation). */
  transactional: boolean;
}

export interface Recipient {
  id: string;
  email: string;
  manageToken: string;
  unsubscribeToken: string;
  /** The token of a confirmation or invitation link. */
  linkToken?: string;
  /** The subscriber's voter token for the "Was this helpful?" links. */
  voteToken?: string;
}

export function pageUrlOf(ctx: NotificationContext, publicUrl: string): string {
  return (ctx.page.url ?? publicUrl).replace(/\/+$/, "");
}

const CALENDAR_KINDS = new Set([
  "maintenance_scheduled",
  "maintenance_rescheduled",
  "maintenance_reminder",
  "maintenance_cancelled",
]);

async function both(element: React.ReactElement) {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}

export async function renderTemplate(ctx: NotificationContext, publicUrl: string): Promise<RenderedTemplate> {
  const base = pageUrlOf(ctx, publicUrl);
  const branding: Branding = { pageName: ctx.page.name, accentColor: ctx.page.accentColor, pageUrl: base };
  const { notification, incident, update } = ctx;
  const manageUrl = `${base}/manage/${MANAGE}`;
  const unsubscribeUrl = `${base}/unsubscribe/${UNSUBSCRIBE}`;
  if (notification.kind === "subscription_confirm") {
    const confirmUrl = `${base}/subscribe/confirm/${LINK}`;
    // A follow's confirmation names its incident (the notification carries it).
    const incidentName = incident?.name ?? null;
    const out = await both(
      createElement(SubscriptionConfirmation, { branding, confirmUrl, expiresIn: "48 hours", incidentName }),
    );
    const subject = incidentName
      ? `Confirm: updates on "${incidentName}" from ${ctx.page.name}`
      : `Confirm your subscription to ${ctx.page.name}`;
    return { ...out, subject, incidentId: null, transactional: true };
  }
  if (notification.kind === "team_invitation") {
    const invitation = ctx.invitation;
    if (!invitation) throw new Error("Cannot render an invitation that was used, revoked or has expired");
    // The console lives at the server's own address, whatever public address the page shows.
    const inviteUrl = `${publicUrl.replace(/\/+$/, "")}/invite/${LINK}`;
    const invitedBy = invitation.inviterEmail
      ? invitation.inviterName
        ? `${invitation.inviterName} (${invitation.inviterEmail})`
        : invitation.inviterEmail
      : `The ${ctx.page.name} team`;
    const expiresAt = `${formatInZone(invitation.expiresAt, ctx.page.timeZone)} (${ctx.page.timeZone})`;
    const out = await both(
      createElement(TeamInvitation, {
        branding,
        inviteUrl,
        invitedBy,
        roleLabel: USER_ROLE_LABELS[invitation.role],
        expiresAt,
      }),
    );
    return {
      ...out,
      subject: `You are invited to the ${ctx.page.name} status page team`,
      incidentId: null,
      transactional: true,
    };
  }
  if (notification.kind === "password_reset") {
    const reset = ctx.passwordReset;
    if (!reset) throw new Error("Cannot render a password reset that was used, replaced or has expired");
    const resetUrl = `${publicUrl.replace(/\/+$/, "")}/login/reset/${LINK}`;
    const expiresAt = `${formatInZone(reset.expiresAt, ctx.page.timeZone)} (${ctx.page.timeZone})`;
    const out = await both(createElement(PasswordReset, { branding, resetUrl, expiresAt }));
    return { ...out, subject: `Reset your ${ctx.page.name} console password`, incidentId: null, transactional: true };
  }
  if (notification.kind === "monitor_down") {
    // A team alert: the console link is at the server's own address, like the invitation's.
    const p = notification.payload ?? {};
    // An alert integration's team alert names its own console page (consolePath); a monitor's is derived.
    const consolePath =
      typeof p.consolePath === "string" && p.consolePath.startsWith("/admin/")
        ? p.consolePath
        : `/admin/monitors/${String(p.monitorId ?? "")}`;
    const consoleUrl = `${publicUrl.replace(/\/+$/, "")}${consolePath}`;
    const since = `${formatInZone(Number(p.at ?? notification.createdAt), ctx.page.timeZone)} (${ctx.page.timeZone})`;
    const props = {
      branding,
      monitorName: String(p.monitorName ?? ""),
      serviceName: typeof p.serviceName === "string" ? p.serviceName : null,
      error: String(p.error ?? "failing"),
      since,
      consequence: String(p.consequence ?? ""),
      consoleUrl,
    };
    const out = await both(createElement(MonitorDown, props));
    return { ...out, subject: `Down: ${props.monitorName}`, incidentId: null, transactional: true };
  }
  if (notification.kind === "report_spike") {
    const p = notification.payload ?? {};
    const consoleUrl = `${publicUrl.replace(/\/+$/, "")}/admin/reports`;
    const props = {
      branding,
      serviceName: String(p.serviceName ?? "a service"),
      count: Number(p.count ?? 0),
      minutes: Number(p.minutes ?? 0),
      since: `${formatInZone(Number(p.at ?? notification.createdAt), ctx.page.timeZone)} (${ctx.page.timeZone})`,
      consoleUrl,
    };
    const out = await both(createElement(ReportSpike, props));
    return { ...out, subject: `Reports spike: ${props.serviceName}`, incidentId: null, transactional: true };
  }
  if (notification.kind === "report_thanks") {
    if (!incident) throw new Error("Cannot render a thank-you without its incident");
    const incidentUrl = `${base}/incidents/${incident.id}`;
    const out = await both(createElement(ReportThanks, { branding, incidentName: incident.name, incidentUrl }));
    return { ...out, subject: `Fixed: ${incident.name}`, incidentId: null, transactional: true };
  }
  if (notification.kind === "monthly_report" || notification.kind === "monthly_report_subscribers")
    return renderMonthlyReport(ctx, base, publicUrl, { manageUrl, unsubscribeUrl });
  if (notification.kind === "subscription_manage_link") {
    const incidentName = incident?.name ?? null;
    const out = await both(createElement(ManageLink, { branding, manageUrl, unsubscribeUrl, incidentName }));
    return { ...out, subject: `Manage your subscription to ${ctx.page.name}`, incidentId: null, transactional: false };
  }
  if (notification.kind === "webhook_disabled") {
    const p = notification.payload ?? {};
    const out = await both(
      createElement(WebhookDisabled, {
        branding,
        webhookUrl: String(p.url ?? ""),
        failingSince: formatInZone(Number(p.failingSince ?? notification.createdAt), ctx.page.timeZone),
        lastError: String(p.lastError ?? "unknown"),
        docsUrl: `${base}/api#webhooks`,
      }),
    );
    return { ...out, subject: `Your ${ctx.page.name} webhook was disabled`, incidentId: null, transactional: true };
  }
  const template = TEMPLATES[notification.kind];
  if (!template || !incident) throw new Error(`Cannot render a ${notification.kind} notification without an incident`);
  const status = update?.status ?? incident.status;
  const zone = ctx.page.timeZone;
  const isMaintenance = incident.kind === "maintenance";
  const body = notification.kind === "postmortem_published" ? (incident.postmortemBody ?? "") : (update?.body ?? "");
  const when =
    isMaintenance && incident.scheduledFor !== null
      ? `Scheduled ${formatWindow(incident.scheduledFor, incident.scheduledUntil, zone)}`
      : `Posted ${formatInZone(update?.displayAt ?? notification.createdAt, zone)}`;
  const label = SUBJECT_PREFIX[notification.kind] ?? INCIDENT_STATUS_LABELS[status];
  const props: NotificationEmailProps = {
    branding,
    label,
    title: incident.name,
    intro: template.intro,
    // The page's renderer and policy; only same-site links gain the page's address, for the mailbox.
    bodyHtml: renderMarkdown(body, { linkBase: base }),
    services: ctx.services.map((s) => ({
      name: s.name,
      status: COMPONENT_STATUS_LABELS[s.status as ComponentStatus] ?? s.status,
    })),
    when,
    incidentUrl: `${base}/incidents/${incident.id}`,
    // A maintenance that has not ended yet can go into the reader's calendar (a cancellation updates it).
    calendarUrl:
      isMaintenance && CALENDAR_KINDS.has(notification.kind) ? `${base}/maintenances/${incident.id}.ics` : null,
    manageUrl,
    unsubscribeUrl,
    // Updates only (not a postmortem): the link opens a page with the buttons; a GET never records.
    helpfulUrl:
      update && notification.kind !== "postmortem_published" ? `${base}/helpful/${update.id}?voter=${VOTE}` : null,
  };
  const out = await both(createElement(template.component, props));
  return {
    ...out,
    subject: notificationSubject(notification.kind, status, incident.name),
    incidentId: incident.id,
    transactional: false,
  };
}

/** One recipient's email: the template with their links, and their headers. */
export function personalise(
  template: RenderedTemplate,
  ctx: NotificationContext,
  publicUrl: string,
  recipient: Recipient,
): { subject: string; html: string; text: string; headers: Record<string, string> } {
  const fill = (s: string) =>
    s
      .replaceAll(MANAGE, recipient.manageToken)
      .replaceAll(UNSUBSCRIBE, recipient.unsubscribeToken)
      .replaceAll(LINK, recipient.linkToken ?? "")
      .replaceAll(VOTE, recipient.voteToken ?? "");
  const base = pageUrlOf(ctx, publicUrl);
  const headers: Record<string, string> = template.transactional
    ? {}
    : unsubscribeHeaders(`${base}/unsubscribe/${recipient.unsubscribeToken}`);
  if (template.incidentId)
    Object.assign(headers, threadHeaders(base, template.incidentId, ctx.notification.id, recipient.id));
  // Stored as it will be sent, so Sent mail shows the subject the recipient sees (services/mail/headers.ts).
  return {
    subject: headerValue(template.subject),
    html: fill(template.html),
    text: fill(template.text),
    headers: headerValues(headers),
  };
}

/** Renders one sample email, so the first real notification does not pay for loading and compiling React. */
export async function warmUpRenderer(): Promise<void> {
  await both(createElement(IncidentCreated, IncidentCreated.PreviewProps));
}
