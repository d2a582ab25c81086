// Every email a subscriber or visitor receives, rendered the way the outbox renders it, in German and Arabic:
// subject, heading and fixed words in the language, `lang`/`dir` on <html>, the admin's words as written.
// Team-only emails stay English whatever language is asked for.
import { render as renderEmail } from "@react-email/render";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import MonthlyReport from "@/emails/monthly-report";
import ViewerSignIn from "@/emails/viewer-sign-in";
import type { NotificationKind } from "@/db/constants";
import { notificationContext } from "@/db/queries/notifications";
import { enqueueNotification } from "@/db/writes/outbox";
import type { Locale } from "@/core/i18n/locales";
import { renderTemplate } from "@/services/notifications/render";
import { makeWorld, openIncident, type World } from "@/services/testing/notification-fixtures";

let world: World;
let incidentId: string;
beforeEach(() => {
  world = makeWorld();
  incidentId = openIncident(world, "Webmail langsam").incidentId;
});
afterEach(() => world.db.$client.close());

async function render(kind: NotificationKind, locale: Locale, payload?: Record<string, unknown>) {
  const id = world.db.transaction((tx) =>
    enqueueNotification(tx, { pageId: world.pageId, kind, incidentId, at: Date.UTC(2026, 10, 23, 15), payload }),
  );
  return renderTemplate(notificationContext(world.db, id)!, "https://status.example.org", locale);
}

// kind -> [German subject, a German phrase of its body, Arabic subject, an Arabic phrase of its body]
const CASES: [NotificationKind, string, string, string, string][] = [
  [
    "incident_created",
    "[Wird untersucht] Webmail langsam",
    "Ein neuer Vorfall",
    "[قيد التحقيق] Webmail langsam",
    "حادث جديد",
  ],
  [
    "incident_updated",
    "[Wird untersucht] Webmail langsam",
    "Es gibt Neuigkeiten",
    "[قيد التحقيق] Webmail langsam",
    "هناك تحديث",
  ],
  ["incident_resolved", "[Wird untersucht] Webmail langsam", "ist behoben", "[قيد التحقيق] Webmail langsam", "تم حل"],
  [
    "postmortem_published",
    "[Nachbetrachtung] Webmail langsam",
    "Nachbetrachtung",
    "[تقرير ما بعد الحادث] Webmail langsam",
    "نُشر تقرير",
  ],
  [
    "maintenance_scheduled",
    "[Geplante Wartung] Webmail langsam",
    "Eine Wartung ist geplant",
    "[صيانة مجدولة] Webmail langsam",
    "صيانة مخطط",
  ],
  [
    "maintenance_rescheduled",
    "[Wartung verschoben] Webmail langsam",
    "verschoben",
    "[تغيير موعد الصيانة] Webmail langsam",
    "موعد جديد",
  ],
  [
    "maintenance_cancelled",
    "[Wartung abgesagt] Webmail langsam",
    "abgesagt",
    "[إلغاء الصيانة] Webmail langsam",
    "أُلغيت",
  ],
  [
    "maintenance_reminder",
    "[Wartungserinnerung] Webmail langsam",
    "beginnt bald",
    "[تذكير بالصيانة] Webmail langsam",
    "قريبًا",
  ],
  ["maintenance_started", "[Wartung läuft] Webmail langsam", "hat begonnen", "[الصيانة جارية] Webmail langsam", "بدأت"],
  [
    "maintenance_completed",
    "[Wartung abgeschlossen] Webmail langsam",
    "ist abgeschlossen",
    "[اكتملت الصيانة] Webmail langsam",
    "اكتملت",
  ],
  [
    "subscription_confirm",
    "Bestätigen: Neuigkeiten zu „Webmail langsam“ von Example IT",
    "48 Stunden",
    "تأكيد: تحديثات «Webmail langsam» من Example IT",
    "ساعة",
  ],
  [
    "subscription_manage_link",
    "Ihr Abonnement von Example IT verwalten",
    "erhält bereits Benachrichtigungen",
    "إدارة اشتراكك في Example IT",
    "أنت مشترك بالفعل",
  ],
  ["report_thanks", "Behoben: Webmail langsam", "Meldungen wie Ihre", "تم الإصلاح: Webmail langsam", "شكرًا لإبلاغنا"],
];

describe.each(CASES)("%s", (kind, deSubject, dePhrase, arSubject, arPhrase) => {
  it("renders in German, with the German subject", async () => {
    const r = await render(kind, "de");
    expect(r.subject).toBe(deSubject);
    expect(r.html).toMatch(/<html dir="ltr" lang="de">/);
    expect(r.text).toContain(dePhrase);
    expect(r.text).not.toMatch(/Manage your subscription|You receive this/);
  });

  it("renders in Arabic, right to left, with the Arabic subject", async () => {
    const r = await render(kind, "ar");
    expect(r.subject).toBe(arSubject);
    expect(r.html).toMatch(/<html dir="rtl" lang="ar">/);
    expect(r.text).toContain(arPhrase);
    // The admin's words are shown as written.
    expect(r.html).toContain("Webmail langsam");
  });
});

describe("incident emails", () => {
  it("name the time in the page's zone, formatted for the language", async () => {
    const de = await render("incident_created", "de");
    expect(de.text).toContain("Veröffentlicht 23. Nov. 2026, 16:00 MEZ (Europe/Berlin)");
    const ar = await render("incident_created", "ar");
    expect(ar.text).toContain("(Europe/Berlin)");
    expect(ar.text).toContain("نُشر في");
  });

  it("translate the services' status and the footer's links", async () => {
    const de = await render("incident_created", "de");
    expect(de.text).toContain("Webmail: Eingeschränkte Leistung");
    expect(de.text).toContain("Abonnement verwalten");
    expect(de.text).toContain("abbestellen");
  });
});

describe("the disabled-endpoint email", () => {
  const payload = { url: "hooks.slack.com/services/…", failingSince: Date.UTC(2026, 10, 22, 9), lastError: "HTTP 410" };

  it("has its own wording for a chat channel, in the owner's language", async () => {
    const de = await render("webhook_disabled", "de", { ...payload, channel: "chat", gone: true });
    expect(de.subject).toBe("Ihr Chat-Kanal für Example IT wurde deaktiviert");
    expect(de.text).toContain("existiert");
    expect(de.text).not.toContain("2xx");
    const ar = await render("webhook_disabled", "ar", { ...payload, channel: "chat" });
    expect(ar.subject).toBe("تم تعطيل قناة الدردشة الخاصة بك في Example IT");
  });

  it("keeps the webhook wording for a webhook", async () => {
    const de = await render("webhook_disabled", "de", payload);
    expect(de.subject).toBe("Ihr Webhook für Example IT wurde deaktiviert");
    expect(de.text).toContain("2xx");
  });
});

describe("team-only emails", () => {
  it("stay English whatever language is asked for", async () => {
    const r = await render("report_spike", "de", { serviceName: "Webmail", count: 5, minutes: 10, at: 1 });
    expect(r.subject).toBe("Reports spike: Webmail");
  });
});

// Every visitor-facing template hands its locale to the shared frame, so <html> carries the reader's `lang`/`dir`.
describe("the frame of templates rendered on their own", () => {
  const branding = { pageName: "Example IT", accentColor: "#2563eb", pageUrl: "https://status.example.org" };
  const monthly = (locale: Locale) => (
    <MonthlyReport
      branding={branding}
      locale={locale}
      month="11/2026"
      figures={[]}
      availability="99.9 %"
      incidents={1}
      reportUrl="https://status.example.org/report"
    />
  );
  const signIn = (locale: Locale) => (
    <ViewerSignIn branding={branding} signInUrl="https://status.example.org/sign-in" minutes={15} locale={locale} />
  );

  it.each([
    ["monthly report", monthly],
    ["viewer sign-in", signIn],
  ] as const)("%s carries lang and dir", async (_name, element) => {
    expect(await renderEmail(element("de"))).toMatch(/<html dir="ltr" lang="de">/);
    expect(await renderEmail(element("ar"))).toMatch(/<html dir="rtl" lang="ar">/);
  });
});
