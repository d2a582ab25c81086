// What a chat message says, platform-neutral: built once per notification at fan-out (stored with it, so every
// retry sends the same words) from the same context the emails use, then drawn per platform
// (services/chat/platforms.ts) with each subscriber's own unsubscribe link.
import {
  RESOLVED_INCIDENT_STATUSES,
  ENDED_MAINTENANCE_STATUSES,
  type AnyIncidentStatus,
  type NotificationKind,
} from "@/db/constants";
import type { NotificationContext } from "@/db/queries/notifications";
import { DEFAULT_LOCALE, type Locale } from "@/core/i18n/locales";
import { messageUrl } from "@/core/i18n/message-url";
import { componentLabel, kindLabel, localeOr, whenLine, words, zonedTime } from "@/services/notifications/words";

/** Incident and maintenance news: what email subscribers get (reminders too), not service status changes. */
export const CHAT_KINDS: ReadonlySet<NotificationKind> = new Set<NotificationKind>([
  "incident_created",
  "incident_updated",
  "incident_resolved",
  "postmortem_published",
  "maintenance_scheduled",
  "maintenance_rescheduled",
  "maintenance_cancelled",
  "maintenance_reminder",
  "maintenance_started",
  "maintenance_completed",
]);

/** The colour bar: the impact while it lasts, green once it is over, blue for maintenance. */
export type ChatTone = "critical" | "major" | "minor" | "none" | "maintenance" | "resolved";
export const TONE_COLOURS: Record<ChatTone, string> = {
  critical: "#b91c1c",
  major: "#ea580c",
  minor: "#ca8a04",
  none: "#475569",
  maintenance: "#2563eb",
  resolved: "#15803d",
};

export interface ChatMessage {
  pageName: string;
  /** "Investigating", "Scheduled maintenance", "Connected". */
  label: string;
  title: string;
  tone: ChatTone;
  /** Admin Markdown, converted per platform. */
  body: string;
  services: { name: string; status: string }[];
  /** "Posted 23 Nov 2026, 17:06 CET (Europe/Berlin)": the page's zone, named. */
  when: string;
  /** The incident page, or the status page. */
  url: string;
  /** Same-site links in the body resolve against it. */
  linkBase: string;
  /** The channel's language: the platform renderers draw their fixed words in it (absent: English). */
  locale?: Locale;
  /** The update "Was this helpful?" asks about; absent for a postmortem or a message about no update. */
  updateId?: string | null;
}

/**
 * What a notification stores for its channels: one message per language they read. A message stored before
 * languages existed is a single ChatMessage (English).
 */
export type StoredChatMessages = Partial<Record<Locale, ChatMessage>> | ChatMessage;

export function storedMessageFor(stored: StoredChatMessages | undefined, language: string): ChatMessage | undefined {
  if (!stored) return undefined;
  if ("title" in stored && typeof stored.title === "string") return stored as ChatMessage;
  const byLanguage = stored as Partial<Record<Locale, ChatMessage>>;
  return byLanguage[localeOr(language)] ?? byLanguage[DEFAULT_LOCALE] ?? Object.values(byLanguage)[0];
}

const ENDED = new Set<string>([...RESOLVED_INCIDENT_STATUSES, ...ENDED_MAINTENANCE_STATUSES]);

export function chatMessage(
  ctx: NotificationContext,
  publicUrl: string,
  locale: Locale = DEFAULT_LOCALE,
): ChatMessage | null {
  const { notification, incident, update, page } = ctx;
  if (!CHAT_KINDS.has(notification.kind) || !incident) return null;
  const base = (page.url ?? publicUrl).replace(/\/+$/, "");
  const status: AnyIncidentStatus = update?.status ?? incident.status;
  const isMaintenance = incident.kind === "maintenance";
  const tone: ChatTone = ENDED.has(status)
    ? "resolved"
    : isMaintenance
      ? "maintenance"
      : incident.impact === "maintenance"
        ? "maintenance"
        : incident.impact;
  return {
    pageName: page.name,
    label: kindLabel(locale, notification.kind, status),
    title: incident.name,
    tone,
    body: notification.kind === "postmortem_published" ? (incident.postmortemBody ?? "") : (update?.body ?? ""),
    services: ctx.services.map((s) => ({ name: s.name, status: componentLabel(locale, s.status) })),
    when: whenLine(locale, page.timeZone, {
      postedAt: update?.displayAt ?? notification.createdAt,
      scheduledFor: incident.scheduledFor,
      scheduledUntil: incident.scheduledUntil,
      maintenance: isMaintenance,
    }),
    // The incident page in the channel's language; admin links in the body resolve against the bare base.
    url: messageUrl(base, { locale, defaultLocale: localeOr(page.defaultLocale) }, `/incidents/${incident.id}`),
    linkBase: base,
    locale,
    updateId: update && notification.kind !== "postmortem_published" ? update.id : null,
  };
}

/** The one message a new channel must accept before it is active (services/chat/register.ts). */
export function verificationMessage(
  page: { name: string; timeZone: string; defaultLocale: string },
  base: string,
  now: number,
  locale: Locale = DEFAULT_LOCALE,
): ChatMessage {
  const t = words(locale, page.timeZone);
  return {
    pageName: page.name,
    label: t("chat.connected"),
    title: t("chat.verifyTitle", { page: page.name }),
    tone: "resolved",
    body: t("chat.verifyBody", { page: page.name }),
    services: [],
    when: t("chat.connectedAt", { time: zonedTime(locale, now, page.timeZone) }),
    url: messageUrl(base, { locale, defaultLocale: localeOr(page.defaultLocale) }, "/"),
    linkBase: base,
    locale,
  };
}
