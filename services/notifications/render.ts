// Renders a notification once (React Email, HTML and plain text) with placeholders where each recipient's
// links go, then personalises it per recipient by plain substitution: fast for 10,000 recipients, and the
// same input always gives the same bytes.
import { createElement, type ComponentType } from "react";
import type { NotificationKind } from "@/db/constants";
import { DEFAULT_LOCALE, type Locale } from "@/core/i18n/locales";
import { messageUrl } from "@/core/i18n/message-url";
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
import ViewerSignIn from "@/emails/viewer-sign-in";
import { translator } from "@/core/i18n/translate";
import PostmortemPublished from "@/emails/postmortem-published";
import SubscriptionConfirmation from "@/emails/subscription-confirmation";
import ReportThanks from "@/emails/report-thanks";
import WebhookDisabled from "@/emails/webhook-disabled";
import { renderMarkdown } from "@/services/markdown";
import { renderMonthlyReport } from "@/services/reports/monthly-email";
import { threadHeaders, unsubscribeHeaders } from "./content";
import { both, LINK, type RenderedTemplate } from "./rendered";
import { renderTeamEmail } from "./render-team";
import { componentLabel, kindLabel, localeOr, subjectLine, whenLine, words, zonedTime } from "./words";

const MANAGE = "xxmanagetokenxx";
const UNSUBSCRIBE = "xxunsubscribetokenxx";
/** The subscriber's voter token for "Was this helpful?" (services/votes), signed per recipient. */
const VOTE = "xxvotetokenxx";

type Template = { component: ComponentType<NotificationEmailProps> };

const TEMPLATES: Partial<Record<NotificationKind, Template>> = {
  incident_created: { component: IncidentCreated },
  incident_updated: { component: IncidentUpdated },
  incident_resolved: { component: IncidentResolved },
  postmortem_published: { component: PostmortemPublished },
  maintenance_scheduled: { component: MaintenanceScheduled },
  maintenance_rescheduled: { component: MaintenanceRescheduled },
  maintenance_cancelled: { component: MaintenanceCancelled },
  maintenance_reminder: { component: MaintenanceReminder },
  maintenance_started: { component: MaintenanceStarted },
  maintenance_completed: { component: MaintenanceCompleted },
};

export type { RenderedTemplate } from "./rendered";

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

/**
 * One notification's email in one language (`locale`: the recipients' language; team-only emails are English
 * whatever it is). The outbox renders once per language present among a delivery's recipients.
 */
export async function renderTemplate(
  ctx: NotificationContext,
  publicUrl: string,
  locale: Locale = DEFAULT_LOCALE,
): Promise<RenderedTemplate> {
  const t = words(locale, ctx.page.timeZone);
  const base = pageUrlOf(ctx, publicUrl);
  const defaultLocale = localeOr(ctx.page.defaultLocale);
  // Every link a subscriber gets leads to the page in their language (team emails stay unprefixed English).
  const link = (path: string) => messageUrl(base, { locale, defaultLocale }, path);
  const teamBranding: Branding = { pageName: ctx.page.name, accentColor: ctx.page.accentColor, pageUrl: base };
  const branding: Branding = { ...teamBranding, pageUrl: link("/") };
  const { notification, incident, update } = ctx;
  const manageUrl = link(`/manage/${MANAGE}`);
  const unsubscribeUrl = link(`/unsubscribe/${UNSUBSCRIBE}`);
  if (notification.kind === "subscription_confirm") {
    const confirmUrl = link(`/subscribe/confirm/${LINK}`);
    // A follow's confirmation names its incident (the notification carries it).
    const incidentName = incident?.name ?? null;
    const out = await both(
      createElement(SubscriptionConfirmation, { branding, confirmUrl, expiresInHours: 48, incidentName, locale }),
    );
    const subject = incidentName
      ? t("confirm.subjectFollow", { incident: incidentName, page: ctx.page.name })
      : t("confirm.subject", { page: ctx.page.name });
    return { ...out, subject, incidentId: null, transactional: true };
  }
  const team = await renderTeamEmail(ctx, publicUrl, teamBranding);
  if (team) return team;
  if (notification.kind === "viewer_sign_in") {
    const link = ctx.viewerLink;
    if (!link) throw new Error("Cannot render a viewer sign-in link that was used or has expired");
    // The viewer's language is not known yet: the page's default, whose sign-in URL is the unprefixed one.
    const locale = defaultLocale;
    const signInUrl = messageUrl(publicUrl, { locale, defaultLocale }, `/sign-in?link=${LINK}`);
    const minutes = Math.max(1, Math.round((link.expiresAt - notification.createdAt) / 60_000));
    const out = await both(createElement(ViewerSignIn, { branding, signInUrl, minutes, locale }));
    const subject = translator(locale, "viewer-sign-in")("subject", { page: ctx.page.name });
    return { ...out, subject, incidentId: null, transactional: true };
  }
  if (notification.kind === "report_thanks") {
    if (!incident) throw new Error("Cannot render a thank-you without its incident");
    const incidentUrl = link(`/incidents/${incident.id}`);
    const out = await both(createElement(ReportThanks, { branding, incidentName: incident.name, incidentUrl, locale }));
    return {
      ...out,
      subject: t("reportThanks.subject", { incident: incident.name }),
      incidentId: null,
      transactional: true,
    };
  }
  if (notification.kind === "monthly_report" || notification.kind === "monthly_report_subscribers")
    return renderMonthlyReport(ctx, base, publicUrl, { manageUrl, unsubscribeUrl }, locale);
  if (notification.kind === "subscription_manage_link") {
    const incidentName = incident?.name ?? null;
    const out = await both(createElement(ManageLink, { branding, manageUrl, unsubscribeUrl, incidentName, locale }));
    return {
      ...out,
      subject: t("manageLink.subject", { page: ctx.page.name }),
      incidentId: null,
      transactional: false,
    };
  }
  if (notification.kind === "webhook_disabled") {
    const p = notification.payload ?? {};
    // A chat channel's owner gets the chat wording (services/chat/deliver.ts sets channel).
    const channel = p.channel === "chat" ? "chat" : "webhook";
    const out = await both(
      createElement(WebhookDisabled, {
        branding,
        webhookUrl: String(p.url ?? ""),
        failingSince: zonedTime(locale, Number(p.failingSince ?? notification.createdAt), ctx.page.timeZone),
        lastError: String(p.lastError ?? "unknown"),
        docsUrl: link("/api#webhooks"),
        channel,
        gone: p.gone === true,
        locale,
      }),
    );
    const w = channel === "chat" ? "chatDisabled" : "webhookDisabled";
    return { ...out, subject: t(`${w}.subject`, { page: ctx.page.name }), incidentId: null, transactional: true };
  }
  const template = TEMPLATES[notification.kind];
  if (!template || !incident) throw new Error(`Cannot render a ${notification.kind} notification without an incident`);
  const status = update?.status ?? incident.status;
  const zone = ctx.page.timeZone;
  const isMaintenance = incident.kind === "maintenance";
  const body = notification.kind === "postmortem_published" ? (incident.postmortemBody ?? "") : (update?.body ?? "");
  const when = whenLine(locale, zone, {
    postedAt: update?.displayAt ?? notification.createdAt,
    scheduledFor: incident.scheduledFor,
    scheduledUntil: incident.scheduledUntil,
    maintenance: isMaintenance,
  });
  const props: NotificationEmailProps = {
    branding,
    locale,
    label: kindLabel(locale, notification.kind, status),
    title: incident.name,
    intro: t(`intro.${notification.kind as "incident_created"}`),
    // The page's renderer and policy; only same-site links gain the page's address, for the mailbox.
    bodyHtml: renderMarkdown(body, { linkBase: base }),
    services: ctx.services.map((s) => ({ name: s.name, status: componentLabel(locale, s.status) })),
    when,
    incidentUrl: link(`/incidents/${incident.id}`),
    // A maintenance that has not ended yet can go into the reader's calendar (a cancellation updates it).
    calendarUrl:
      isMaintenance && CALENDAR_KINDS.has(notification.kind) ? link(`/maintenances/${incident.id}.ics`) : null,
    manageUrl,
    unsubscribeUrl,
    // Updates only (not a postmortem): the link opens a page with the buttons; a GET never records.
    helpfulUrl:
      update && notification.kind !== "postmortem_published" ? link(`/helpful/${update.id}?voter=${VOTE}`) : null,
  };
  const out = await both(createElement(template.component, props));
  return {
    ...out,
    subject: subjectLine(locale, notification.kind, status, incident.name),
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
