// The leak test (issue #15): a mixed page with internal services, an internal group, internal incidents and
// maintenance, and a public incident that also touched an internal service. Every public artefact is built
// and searched for anything internal: the page HTML's data (home, history, incident pages), API v2, the
// feeds, the calendar, the badge, the embed's status, and what public subscribers receive (emails kept in
// the local outbox and webhook bodies). The same artefacts for the internal audience do name them, which
// proves the search looks at the right things. The page is services/testing/mixed-page.ts; the rule applied
// again at fan-out is services/audience-leak-rechecked.test.ts.
import { describe, expect, it } from "vitest";
import type { Audience } from "@/db/constants";
import type { Db } from "@/db";
import { getHistoryPage } from "@/db/queries/history-page";
import { getHomePage } from "@/db/queries/home-page";
import { findLiveComponent, loadIncidentBundles } from "@/db/queries/public-api";
import { getPublicIncident } from "@/db/queries/public-incidents";
import { getOverallStatus, getPage } from "@/db/queries/status-page";
import { emailMessages } from "@/db/schema";
import { insertEmailSubscriber } from "@/db/writes/subscribers";
import { apiContext, buildV2, V2_ENDPOINTS } from "@/services/api/v2";
import { atomFeed, loadFeedBundles, rssFeed } from "@/services/feeds/history";
import { maintenanceCalendar } from "@/services/feeds/ical";
import { runNotificationJobs } from "@/services/notifications/jobs";
import { BASE, mixedPage, SECRETS, sendEverything } from "@/services/testing/mixed-page";
import { T0 } from "@/services/testing/scenario";
import { HOUR } from "@/core/time";

/** Maps and Sets into plain JSON, so the page data can be searched as text. */
const text = (value: unknown) =>
  JSON.stringify(value, (_k, v) => (v instanceof Map ? [...v] : v instanceof Set ? [...v] : v));

function artefacts(db: Db, audience: Audience, ids: ReturnType<typeof mixedPage>["ids"]): Record<string, string> {
  const page = getPage(db)!;
  const ctx = apiContext(db, BASE, audience)!;
  const now = T0 + 4 * HOUR;
  const out: Record<string, string> = {
    home: text(getHomePage(db, page, now, audience)),
    history: text(getHistoryPage(db, page, 1, undefined, now, audience)),
    "history for the internal service": text(getHistoryPage(db, page, 1, ids.payroll, now, audience)),
    "incident page": text(getPublicIncident(db, ids.internalIncident, audience) ?? null),
    "public incident page": text(getPublicIncident(db, ids.publicIncident, audience) ?? null),
    "maintenance page": text(getPublicIncident(db, ids.internalMaintenance, audience) ?? null),
    "badge and embed status": text(getOverallStatus(db, page.id, audience)),
    "badge of the internal service": text(findLiveComponent(db, page.id, ids.payroll, audience) ?? null),
    "badge of the grouped internal service": text(findLiveComponent(db, page.id, ids.badges, audience) ?? null),
    atom: atomFeed({ ctx, bundles: loadFeedBundles(db, ctx) }),
    rss: rssFeed({ ctx, bundles: loadFeedBundles(db, ctx) }),
    calendar: maintenanceCalendar(
      ctx,
      loadIncidentBundles(db, page.id, { kind: "maintenance", order: "scheduled_asc", limit: 500, audience }),
    ),
  };
  for (const endpoint of V2_ENDPOINTS) out[`/api/v2/${endpoint}`] = JSON.stringify(buildV2(db, ctx, endpoint));
  return out;
}

describe("nothing internal leaks into a public artefact", () => {
  it("pages, API v2, feeds, calendar, badge and embed name no internal service, group or incident", () => {
    const { db, ids } = mixedPage();
    const found = Object.entries(artefacts(db, "public", ids)).flatMap(([name, body]) =>
      SECRETS.filter((s) => body.includes(s)).map((s) => `${name} mentions ${s}`),
    );
    expect(found).toEqual([]);
    // The public part is there: the public incident, without the internal service it also touched.
    const home = artefacts(db, "public", ids).home;
    expect(home).toContain("Sign-in slow");
    expect(home).toContain("Email");
    // Internal outages do not turn the public status red.
    expect(getOverallStatus(db, getPage(db)!.id, "public").indicator).toBe("minor");
  });

  it("the internal audience sees all of it (the search above is looking at the right places)", () => {
    const { db, ids } = mixedPage();
    const all = artefacts(db, "internal", ids);
    for (const [name, body] of Object.entries({ home: all.home, "/api/v2/summary.json": all["/api/v2/summary.json"] }))
      for (const secret of ["Payroll", "HR systems", "Badge readers", "Payslips late", "Door firmware"])
        expect(body, `${name} should mention ${secret}`).toContain(secret);
    expect(all.calendar).toContain("Payroll upgrade");
  });

  it("public subscribers get no email, webhook or chat message about internal incidents, and public ones name no internal service", async () => {
    const { db } = mixedPage();
    const { requests } = await sendEverything(db);
    const mails = db.select().from(emailMessages).all();
    const sent = [...mails.map((m) => `${m.subject}\n${m.html}\n${m.text}`), ...requests.map((r) => r.body)];
    // Something was sent (the public incident), so the search below is not over nothing.
    expect(sent.some((s) => s.includes("Sign-in slow"))).toBe(true);
    // The chat channel got the public incident too (and only that).
    expect(requests.some((r) => r.url.href.includes("leak-test") && r.body.includes("Sign-in slow"))).toBe(true);
    const found = sent.flatMap((body) => SECRETS.filter((s) => body.includes(s)));
    expect(found).toEqual([]);
  });

  it("an internal subscriber does get the internal incidents, with their internal services; the public one still nothing", async () => {
    const { db, pageId } = mixedPage();
    insertEmailSubscriber(db, { pageId, email: "staff@example.com", at: T0, state: "active", audience: "internal" });
    await runNotificationJobs(db, T0 + HOUR, { mailer: null, publicUrl: BASE, from: "Status <status@example.org>" });
    const mails = db.select().from(emailMessages).all();
    const to = (address: string) =>
      mails.filter((m) => m.toAddress === address).map((m) => `${m.subject}\n${m.html}\n${m.text}`);
    const staff = to("staff@example.com").join("\n");
    for (const secret of ["Payslips late", "Door firmware", "SECRET-BODY", "Payroll"])
      expect(staff, `the internal subscriber should hear of ${secret}`).toContain(secret);
    expect(staff).toContain("Sign-in slow");
    const pub = to("all@example.com");
    expect(pub.some((m) => m.includes("Sign-in slow"))).toBe(true);
    expect(pub.flatMap((body) => SECRETS.filter((s) => body.includes(s)))).toEqual([]);
  });
});
