// The monthly "this month in IT" email: on the first days of a month, last month's headline figures go to
// the team members who opted in (the whole report, as the console sees it) and to the email subscribers who
// chose it on their manage page (the public audience's report, in their language). Once per month: a marker
// in app_state is written in the same transaction as the notifications, and the outbox's idempotency keys
// (one notification per month and kind) keep a retry from sending twice.
import { render } from "@react-email/render";
import { createElement } from "react";
import type { Db } from "@/db";
import type { NotificationContext } from "@/db/queries/notifications";
import {
  monthlyReportAddresses,
  monthlyReportQueued,
  monthlyReportSubscriberIds,
} from "@/db/queries/service-report-settings";
import { getPageRow } from "@/db/queries/subscribers";
import { enqueueNotification } from "@/db/writes/outbox";
import { markMonthlyReportQueued } from "@/db/writes/service-report";
import { DEFAULT_LOCALE, type Locale } from "@/core/i18n/locales";
import { messageUrl } from "@/core/i18n/message-url";
import { formatter, translator } from "@/core/i18n/translate";
import { parsePeriod, periodProblem, previousMonth } from "@/core/report-period";
import MonthlyReport from "@/emails/monthly-report";
import { localeOr } from "@/services/notifications/words";
import { buildServiceReport, type ServiceReport } from "./service-report";

export interface MonthlyFigures {
  month: string;
  availability: number | null;
  target: number;
  daysBelow: number;
  incidents: number;
  firstUpdateMs: number | null;
  mttrMs: number | null;
  heardFirst: number | null;
  helpful: number | null;
  votes: number;
}

const figuresOf = (month: string, r: ServiceReport): MonthlyFigures => ({
  month,
  availability: r.overall.availability,
  target: r.overall.target,
  daysBelow: r.overall.daysBelow.length,
  incidents: r.incidents.length,
  firstUpdateMs: r.timeToFirstUpdateMs,
  mttrMs: r.mttrMs,
  heardFirst: r.heardFromUsFirst,
  helpful: r.helpful,
  votes: r.voteCount,
});

/** Queues last month's emails unless they were queued already. Returns how many notifications it queued. */
export function queueMonthlyReports(db: Db, now = Date.now()): number {
  const page = getPageRow(db);
  if (!page) return 0;
  // The page's calendar: the month is sent once it has ended there (in New York a few hours after UTC's).
  const month = previousMonth(now, page.timeZone);
  if (monthlyReportQueued(db, month)) return 0;
  const period = parsePeriod(month, page.timeZone)!;
  // A page younger than the month has nothing to report: mark it, so the check stays one read.
  if (periodProblem(period, now, page.createdAt)) {
    db.transaction((tx) => markMonthlyReportQueued(tx, month, now));
    return 0;
  }
  const team = monthlyReportAddresses(db);
  const readers = monthlyReportSubscriberIds(db, page.id).length;
  const internal = team.length ? figuresOf(month, buildServiceReport(db, page.id, period, { now })) : null;
  const open = readers ? figuresOf(month, buildServiceReport(db, page.id, period, { now, audience: "public" })) : null;
  return db.transaction((tx) => {
    if (!markMonthlyReportQueued(tx, month, now)) return 0;
    let queued = 0;
    if (internal) {
      enqueueNotification(tx, { pageId: page.id, kind: "monthly_report", at: now, payload: { to: team, ...internal } });
      queued++;
    }
    if (open) {
      enqueueNotification(tx, { pageId: page.id, kind: "monthly_report_subscribers", at: now, payload: { ...open } });
      queued++;
    }
    return queued;
  });
}

/** The email's figures, labelled and formatted in one language. */
export function monthlyFigureLines(f: MonthlyFigures, locale: Locale, timeZone: string) {
  const t = translator(locale, "report", timeZone);
  const fmt = formatter(locale, timeZone);
  const none = t("noData");
  const pct = (v: number | null, digits = 1) =>
    v === null ? none : fmt.number(v, { style: "percent", maximumFractionDigits: digits });
  const avail = f.availability === null ? null : Math.floor(f.availability * 100_000) / 100_000;
  const minutes = (ms: number | null) =>
    ms === null ? none : fmt.number(Math.round(ms / 60_000), { style: "unit", unit: "minute", unitDisplay: "long" });
  const [y, m] = f.month.split("-").map(Number);
  return {
    month: fmt.dateTime(Date.UTC(y, m - 1, 15), { month: "long", year: "numeric", timeZone: "UTC" }),
    availability: pct(avail, 3),
    lines: [
      { label: t("headline.availability", { target: pct(f.target / 100, 3) }), value: pct(avail, 3) },
      { label: t("headline.daysBelow"), value: fmt.number(f.daysBelow) },
      { label: t("headline.incidents"), value: fmt.number(f.incidents) },
      { label: t("headline.firstUpdate"), value: minutes(f.firstUpdateMs) },
      { label: t("headline.mttr"), value: minutes(f.mttrMs) },
      { label: t("headline.heardFirst"), value: pct(f.heardFirst) },
      { label: t("headline.helpful"), value: t("headline.helpfulValue", { share: pct(f.helpful), count: f.votes }) },
    ],
  };
}

/**
 * The rendered email of a monthly_report(_subscribers) notification in one language, with the recipient
 * placeholders of services/notifications/render.ts in the links. The outbox renders it once per language its
 * subscribers read (`locale`); the team's email stays English and links to the console's report.
 */
export async function renderMonthlyReport(
  ctx: NotificationContext,
  base: string,
  publicUrl: string,
  links: { manageUrl: string; unsubscribeUrl: string },
  locale: Locale = DEFAULT_LOCALE,
) {
  const f = ctx.notification.payload as unknown as MonthlyFigures;
  const forTeam = ctx.notification.kind === "monthly_report";
  if (forTeam) locale = DEFAULT_LOCALE;
  const shown = monthlyFigureLines(f, locale, ctx.page.timeZone);
  const inLanguage = (path: string) =>
    messageUrl(base, { locale, defaultLocale: localeOr(ctx.page.defaultLocale) }, path);
  const reportUrl = forTeam
    ? `${publicUrl.replace(/\/+$/, "")}/admin/report?period=${f.month}`
    : ctx.page.publicReport
      ? inLanguage(`/report?period=${f.month}`)
      : inLanguage("/");
  const element = createElement(MonthlyReport, {
    branding: { pageName: ctx.page.name, accentColor: ctx.page.accentColor, pageUrl: forTeam ? base : inLanguage("/") },
    locale,
    month: shown.month,
    figures: shown.lines,
    availability: shown.availability,
    incidents: f.incidents,
    reportUrl,
    ...(forTeam ? {} : links),
  });
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  const subject = translator(locale, "report")("email.subject", { month: shown.month });
  return { subject, html, text, incidentId: null, transactional: forTeam };
}
