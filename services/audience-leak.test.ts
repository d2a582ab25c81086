// The leak test (issue #15): a mixed page with internal services, an internal group, internal incidents and
// maintenance, and a public incident that also touched an internal service. Every public artefact is built
// and searched for anything internal: the page HTML's data (home, history, incident pages), API v2, the
// feeds, the calendar, the badge, the embed's status, and what public subscribers receive (emails kept in
// the local outbox and webhook bodies). The same artefacts for the internal audience do name them, which
// proves the search looks at the right things.
import { insertChatSubscriber } from "@/db/writes/chat";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Audience } from "@/db/constants";
import type { Db } from "@/db";
import { getHistoryPage } from "@/db/queries/history-page";
import { getHomePage } from "@/db/queries/home-page";
import { findLiveComponent, loadIncidentBundles } from "@/db/queries/public-api";
import { getPublicIncident } from "@/db/queries/public-incidents";
import { getOverallStatus, getPage } from "@/db/queries/status-page";
import { componentGroups, components, emailMessages, notifications, pages, subscribers } from "@/db/schema";
import { insertEmailSubscriber } from "@/db/writes/subscribers";
import { insertWebhookSubscriber } from "@/db/writes/webhooks";
import { apiContext, buildV2, V2_ENDPOINTS } from "@/services/api/v2";
import { atomFeed, loadFeedBundles, rssFeed } from "@/services/feeds/history";
import { maintenanceCalendar } from "@/services/feeds/ical";
import { createIncident } from "@/services/incidents/incident-verbs";
import { scheduleMaintenance } from "@/services/incidents/maintenance-verbs";
import { runNotificationJobs } from "@/services/notifications/jobs";
import { addComponent, addGroup, addMember, emptyPage, T0 } from "@/services/testing/scenario";
import type { PostRequest } from "@/services/webhooks/send";
import { stillInternal } from "@/core/audience";
import { HOUR } from "@/core/time";
import { smsRecipientIds } from "@/services/sms/deliver";

const BASE = "https://status.example.org";
/** Every one of these is internal; none may appear in a public artefact. */
const SECRETS = ["Payroll", "HR systems", "Badge readers", "Payslips late", "SECRET-BODY", "Door firmware"];

function mixedPage() {
  const { db, pageId } = emptyPage();
  const editor = addMember(db, "editor");
  const email = addComponent(db, pageId, "Email");
  const vpn = addComponent(db, pageId, "VPN");
  const payroll = addComponent(db, pageId, "Payroll");
  const hr = addGroup(db, pageId, "HR systems");
  const badges = addComponent(db, pageId, "Badge readers", { groupId: hr });
  db.update(components).set({ visibility: "internal" }).where(eq(components.id, payroll)).run();
  db.update(componentGroups).set({ visibility: "internal" }).where(eq(componentGroups.id, hr)).run();
  // Staff reach the internal page from the office network (with no way in, nobody is internal: stillInternal).
  db.update(pages).set({ visibility: "mixed", viewerIpAllowlist: "10.0.0.0/8" }).run();
  insertEmailSubscriber(db, { pageId, email: "all@example.com", at: T0, state: "active" });
  insertWebhookSubscriber(db, {
    pageId,
    url: "https://hooks.example.com/all",
    secret: "whsec_all",
    email: null,
    componentIds: [],
    origin: "console",
    at: T0,
  });
  // A chat channel (its URL on loopback; the test's post function answers, nothing is opened).
  insertChatSubscriber(db, {
    id: "chatsub00001",
    pageId,
    platform: "slack",
    url: "http://127.0.0.1:9/services/T000/B000/leak-test",
    email: null,
    componentIds: [],
    origin: "console",
    at: T0,
  });
  const internalIncident = createIncident(
    db,
    editor,
    { name: "Payslips late", message: "SECRET-BODY", componentStatuses: { [payroll]: "major_outage" } },
    T0,
  ).id;
  const groupIncident = createIncident(
    db,
    editor,
    { name: "Door firmware", message: "SECRET-BODY", componentStatuses: { [badges]: "partial_outage" } },
    T0 + 1,
  ).id;
  const publicIncident = createIncident(
    db,
    editor,
    {
      name: "Sign-in slow",
      message: "Mail and the pay portal are slow",
      componentStatuses: { [email]: "degraded_performance", [payroll]: "degraded_performance" },
    },
    T0 + 2,
  ).id;
  const internalMaintenance = scheduleMaintenance(
    db,
    editor,
    {
      name: "Payroll upgrade",
      message: "SECRET-BODY",
      scheduledFor: T0 + 5 * HOUR,
      scheduledUntil: T0 + 6 * HOUR,
      componentIds: [payroll],
    },
    T0 + 3,
  ).id;
  return {
    db,
    pageId,
    ids: { email, vpn, payroll, hr, badges, internalIncident, groupIncident, publicIncident, internalMaintenance },
  };
}

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

/** Runs the notification jobs: emails stay in the local outbox; webhook and chat posts are answered here. */
async function sendEverything(db: Db) {
  const requests: PostRequest[] = [];
  const post = async (r: PostRequest) => {
    requests.push(r);
    return { ok: true, statusCode: 204, error: null };
  };
  await runNotificationJobs(db, T0 + HOUR, {
    chat: { allowLoopback: true, random: () => 0.5, post },
    mailer: null,
    publicUrl: BASE,
    from: "Status <status@example.org>",
    webhooks: {
      allowLoopback: true,
      // hooks.example.com is never looked up: the guard gets a loopback answer, and post() answers for it.
      resolver: async () => [{ address: "127.0.0.1", family: 4 }],
      random: () => 0.5,
      post,
    },
  });
  return { requests };
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

describe("an internal subscriber whose address is no longer allowed (the rule applied again at fan-out)", () => {
  /** The mixed page, its domains set, and internal subscribers in every channel that has subscribers. */
  function withInternalSubscribers() {
    const world = mixedPage();
    const { db, pageId, ids } = world;
    db.update(pages).set({ viewerEmailDomains: "example.com\ncorp.example" }).run();
    const staff = (email: string) =>
      insertEmailSubscriber(db, { pageId, email, at: T0, state: "active", audience: "internal" });
    staff("left@example.com");
    staff("kept@corp.example");
    // A follower of the internal incident, signed up from the internal page.
    const follower = staff("follower@example.com");
    db.update(subscribers)
      .set({ followIncidentId: ids.internalIncident, allComponents: false })
      .where(eq(subscribers.id, follower))
      .run();
    // An SMS subscriber marked internal (the worst case: SMS is public by design, it must get nothing either).
    db.insert(subscribers)
      .values({
        id: "smssub000001",
        pageId,
        kind: "sms",
        phone: "+15550100",
        state: "active",
        smsAllImpacts: true,
        origin: "public",
        audience: "internal",
        createdAt: T0,
        updatedAt: T0,
      })
      .run();
    return world;
  }

  async function send(db: Db) {
    const { requests } = await sendEverything(db);
    const mails = db.select().from(emailMessages).all();
    const mailTo = (address: string) =>
      mails.filter((m) => m.toAddress === address).map((m) => `${m.subject}\n${m.html}\n${m.text}`);
    // Who the SMS fan-out names, per notification (the texts themselves go through Twilio: services/sms).
    const smsFor = (incidentId: string) =>
      db
        .select()
        .from(notifications)
        .where(eq(notifications.incidentId, incidentId))
        .all()
        .flatMap((n) => smsRecipientIds(db, n));
    return { mailTo, requests, smsFor };
  }

  const secretsIn = (bodies: string[]) => bodies.flatMap((body) => SECRETS.filter((s) => body.includes(s)));

  it("domains changed: that subscriber and follower hear nothing internal, still the public part", async () => {
    const { db, ids } = withInternalSubscribers();
    db.update(pages).set({ viewerEmailDomains: "corp.example" }).run();
    const { mailTo, requests, smsFor } = await send(db);
    const left = mailTo("left@example.com");
    expect(left.some((m) => m.includes("Sign-in slow"))).toBe(true);
    expect(secretsIn(left)).toEqual([]);
    expect(mailTo("follower@example.com")).toEqual([]);
    // Still allowed: still hears the internal incidents.
    const kept = mailTo("kept@corp.example").join("\n");
    for (const secret of ["Payslips late", "Door firmware"]) expect(kept).toContain(secret);
    // Webhooks, chat and SMS: nothing internal, the public incident as before.
    expect(requests.some((r) => r.body.includes("Sign-in slow"))).toBe(true);
    expect(secretsIn(requests.map((r) => r.body))).toEqual([]);
    expect(smsFor(ids.internalIncident)).toEqual([]);
    expect(smsFor(ids.groupIncident)).toEqual([]);
    expect(smsFor(ids.publicIncident)).toContain("smssub000001");
  });

  it("domains unchanged: the same subscribers do hear the internal incidents (the test above is not vacuous)", async () => {
    const { db } = withInternalSubscribers();
    const { mailTo } = await send(db);
    expect(mailTo("left@example.com").join("\n")).toContain("Payslips late");
    expect(mailTo("follower@example.com").join("\n")).toContain("Payslips late");
  });

  it("internal sign-up no longer possible (no domains, no allowed network, no OIDC): nothing internal to anyone", async () => {
    const { db } = withInternalSubscribers();
    db.update(pages).set({ viewerEmailDomains: null, viewerIpAllowlist: null }).run();
    const { mailTo } = await send(db);
    for (const address of ["left@example.com", "kept@corp.example"]) {
      expect(mailTo(address).some((m) => m.includes("Sign-in slow"))).toBe(true);
      expect(secretsIn(mailTo(address))).toEqual([]);
    }
    expect(mailTo("follower@example.com")).toEqual([]);
  });

  it("the rule itself: the sign-up rule again, on the page as it is now", () => {
    const internal = { audience: "internal" as const, email: "ann@example.com" };
    const rule = (domains: string | null, allowlist: string | null = null, oidc = false) => ({
      viewerEmailDomains: domains,
      viewerIpAllowlist: allowlist,
      viewerOidc: oidc,
    });
    expect(stillInternal(internal, rule("example.com"))).toBe(true);
    expect(stillInternal(internal, rule("corp.example"))).toBe(false);
    // No domains named: the admin trusts the network or the provider, as at sign-up, while either exists.
    expect(stillInternal(internal, rule(null, "10.0.0.0/8"))).toBe(true);
    expect(stillInternal(internal, rule(null, null, true))).toBe(true);
    expect(stillInternal(internal, rule(null))).toBe(false);
    expect(stillInternal({ audience: "public", email: "ann@example.com" }, rule("example.com"))).toBe(false);
    expect(stillInternal({ audience: "internal", email: null }, rule(null, "10.0.0.0/8"))).toBe(false);
  });
});
