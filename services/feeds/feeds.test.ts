import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import Parser from "rss-parser";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db";
import { incidents } from "@/db/schema";
import { apiContext } from "@/services/api/v2";
import { addComponent, addIncident, emptyPage, T0 } from "@/services/testing/scenario";
import { HOUR } from "@/core/time";
import { loadIncidentBundles } from "@/db/queries/public-api";
import { atomFeed, entryHtml, loadFeedBundles, rssFeed } from "./history";
import { escapeText, foldLine, maintenanceCalendar } from "./ical";

let db: Db;
afterEach(() => db?.$client.close());

const ENTRY =
  /<p><small>([A-Z][a-z]{2}) <var data-var='date'>(\d{1,2})<\/var>, <var data-var='time'>(\d{2}:\d{2})<\/var> ([A-Za-z0-9+\-]+)<\/small><br><strong>([A-Za-z ]+)<\/strong> - (.*?)<\/p>/g;

function page(timeZone = "Etc/UTC") {
  const built = emptyPage(timeZone);
  db = built.db;
  const vpn = addComponent(db, built.pageId, "VPN");
  const mail = addComponent(db, built.pageId, "Email");
  const vpnIncident = addIncident(db, built.pageId, {
    name: "VPN <down> & out",
    start: T0,
    steps: [
      { status: "investigating", body: "Looking <script>alert(1)</script>", after: 0, set: { [vpn]: "major_outage" } },
      { status: "identified", body: "Found it", after: 45 },
      { status: "identified", body: "Still fixing", after: 60 },
      { status: "resolved", body: "Fixed", after: 90, set: { [vpn]: "operational" } },
    ],
  });
  addIncident(db, built.pageId, {
    name: "Mail slow",
    start: T0 + 5 * HOUR,
    steps: [{ status: "investigating", set: { [mail]: "degraded_performance" } }],
  });
  return { ctx: apiContext(db, "https://status.example.org")!, vpn, mail, vpnIncident };
}

describe("entry HTML", () => {
  it("keeps Statuspage's layout, newest first, labels unchanged statuses 'Update' and escapes bodies", () => {
    const { ctx, vpnIncident } = page();
    const bundle = loadFeedBundles(db, ctx).find((b) => b.incident.id === vpnIncident)!;
    const html = entryHtml(bundle, "Etc/UTC");
    const entries = [...html.matchAll(ENTRY)].map((m) => m.slice(1));
    expect(entries).toEqual([
      ["Jun", "11", "10:30", "UTC", "Resolved", "Fixed"],
      ["Jun", "11", "10:00", "UTC", "Update", "Still fixing"],
      ["Jun", "11", "09:45", "UTC", "Identified", "Found it"],
      ["Jun", "11", "09:00", "UTC", "Investigating", "Looking &lt;script&gt;alert(1)&lt;/script&gt;"],
    ]);
    expect(html).not.toContain("<script>");
  });

  it("writes times in the page's time zone with the zone named", () => {
    const { ctx, vpnIncident } = page("Pacific/Honolulu");
    const bundle = loadFeedBundles(db, { ...ctx, page: { ...ctx.page, timeZone: "Pacific/Honolulu" } }).find(
      (b) => b.incident.id === vpnIncident,
    )!;
    const first = [...entryHtml(bundle, "Pacific/Honolulu").matchAll(ENTRY)].at(-1)!;
    expect(first.slice(1, 5)).toEqual(["Jun", "10", "23:00", "HST"]);
  });
});

describe("Atom and RSS feeds", () => {
  it("parse with a real feed parser, newest first, with the spec's titles and links", async () => {
    const { ctx, vpnIncident } = page();
    const input = { ctx, bundles: loadFeedBundles(db, ctx) };
    const parser = new Parser();
    const atom = await parser.parseString(atomFeed(input));
    expect(atom.title).toBe("Example IT Services Status - Incident History");
    expect(atom.items.map((i) => i.title)).toEqual(["Mail slow", "VPN <down> & out"]);
    expect(atom.items[1].link).toBe(`https://status.example.org/incidents/${vpnIncident}`);
    expect(atom.items[1].id).toBe(`tag:status.example.org,2005:Incident/${vpnIncident}`);
    expect(atom.items[1].content).toMatch(/^<p><small>Jun <var data-var='date'>11<\/var>/);

    const rss = await parser.parseString(rssFeed(input));
    expect(rss.title).toBe("Example IT Services Status - Incident History");
    expect(rss.link).toBe("https://status.example.org");
    expect(rss.items.map((i) => i.title)).toEqual(["Mail slow", "VPN <down> & out"]);
    expect(rss.items[1]).toMatchObject({
      guid: `https://status.example.org/incidents/${vpnIncident}`,
      link: `https://status.example.org/incidents/${vpnIncident}`,
    });
    expect(rss.items[1].content).toContain("<strong>Resolved</strong> - Fixed");
    expect(new Date(rss.items[1].pubDate!).getTime()).toBe(T0);
  });

  it("narrows to one component's incidents", async () => {
    const { ctx, mail } = page();
    const atom = await new Parser().parseString(
      atomFeed({ ctx, bundles: loadFeedBundles(db, ctx, mail), componentName: "Email", componentId: mail }),
    );
    expect(atom.title).toBe("Example IT Services Status - Email - Incident History");
    expect(atom.items.map((i) => i.title)).toEqual(["Mail slow"]);
    const quiet = addComponent(db, ctx.page.id, "Printing");
    expect(loadFeedBundles(db, ctx, quiet)).toEqual([]);
  });
});

describe("the maintenance calendar", () => {
  function withMaintenance() {
    const built = emptyPage();
    db = built.db;
    const vpn = addComponent(db, built.pageId, "VPN");
    const id = addIncident(db, built.pageId, {
      kind: "maintenance",
      name: "Firmware, phase 1; gateways",
      start: T0 + 48 * HOUR,
      steps: [{ status: "scheduled", body: "Save your work." }],
      componentIds: [vpn],
      windowMinutes: 90,
    });
    const ctx = apiContext(db, "https://status.example.org")!;
    const render = () =>
      maintenanceCalendar(
        ctx,
        loadIncidentBundles(db, built.pageId, { kind: "maintenance", order: "scheduled_asc", limit: 10 }),
      );
    return { id, render };
  }

  function events(text: string) {
    const calendar = new ICAL.Component(ICAL.parse(text));
    return calendar.getAllSubcomponents("vevent").map((v) => ({
      event: new ICAL.Event(v),
      status: v.getFirstPropertyValue("status"),
      url: v.getFirstPropertyValue("url"),
    }));
  }

  it("parses with a real iCalendar parser: stable UID, the window in UTC, services and a link", () => {
    const { id, render } = withMaintenance();
    const text = render();
    expect(text).toMatch(/\r\n$/);
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const [{ event, status, url }] = events(text);
    expect(event.uid).toBe(`${id}@status.example.org`);
    expect(event.summary).toBe("Firmware, phase 1; gateways");
    expect(event.startDate.toJSDate().getTime()).toBe(T0 + 48 * HOUR);
    expect(event.endDate.toJSDate().getTime()).toBe(T0 + 48 * HOUR + 90 * 60_000);
    expect(event.startDate.zone?.tzid).toBe("UTC");
    expect(event.sequence).toBe(0);
    expect(status).toBe("CONFIRMED");
    expect(event.description).toContain("Affected services: VPN");
    expect(event.description).toContain("Save your work.");
    expect(url).toBe(`https://status.example.org/incidents/${id}`);
  });

  it("is the same bytes whenever it is rendered until the maintenance changes (DTSTAMP is its last change)", () => {
    const { id, render } = withMaintenance();
    vi.useFakeTimers({ now: T0 + HOUR, toFake: ["Date"] });
    try {
      const first = render();
      vi.setSystemTime(T0 + 5 * HOUR);
      expect(render()).toBe(first);
      const [stamp] = first.match(/^DTSTAMP:.*$/m) ?? [];
      expect(stamp?.slice("DTSTAMP:".length)).toBe(first.match(/^LAST-MODIFIED:(.*)$/m)?.[1]);
      db.update(incidents)
        .set({ updatedAt: T0 + 6 * HOUR })
        .where(eq(incidents.id, id))
        .run();
      expect(render()).not.toBe(first);
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps the UID and shows the raised SEQUENCE after a reschedule, and STATUS:CANCELLED when cancelled", () => {
    const { id, render } = withMaintenance();
    // The reschedule and cancel verbs raise `sequence` and set the status; the calendar must reflect both.
    db.update(incidents)
      .set({ scheduledFor: T0 + 72 * HOUR, scheduledUntil: T0 + 73 * HOUR, sequence: 1 })
      .where(eq(incidents.id, id))
      .run();
    let [{ event, status }] = events(render());
    expect(event.uid).toBe(`${id}@status.example.org`);
    expect(event.sequence).toBe(1);
    expect(event.startDate.toJSDate().getTime()).toBe(T0 + 72 * HOUR);
    db.update(incidents).set({ status: "cancelled", sequence: 2 }).where(eq(incidents.id, id)).run();
    [{ event, status }] = events(render());
    expect(status).toBe("CANCELLED");
    expect(event.sequence).toBe(2);
  });

  it("escapes TEXT and folds long lines without splitting characters", () => {
    expect(escapeText("a,b;c\\d\ne")).toBe("a\\,b\\;c\\\\d\\ne");
    const folded = foldLine(`DESCRIPTION:${"é".repeat(80)}`);
    for (const line of folded.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(folded.split("\r\n ").join("")).toBe(`DESCRIPTION:${"é".repeat(80)}`);
  });
});
