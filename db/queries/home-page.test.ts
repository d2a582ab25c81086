import { afterEach, describe, expect, it } from "vitest";
import { DAY, HOUR, MINUTE } from "@/core/time";
import { openDatabase, type Db } from "../index";
import { pages } from "../schema";
import { seedDemo } from "../seed";
import { insertComponent } from "../writes/components";
import { insertIncident, insertIncidentUpdate } from "../writes/incidents";
import { ensurePage } from "../writes/page";
import { getHomePage } from "./home-page";
import { getHistoryPage } from "./history-page";

const NOW = Date.UTC(2026, 10, 23, 15, 0, 0);
let db: Db;
afterEach(() => db?.$client.close());

function seeded() {
  db = openDatabase(":memory:");
  ensurePage(db, { name: "Example IT Services", timeZone: "Etc/UTC", at: NOW - 400 * DAY });
  seedDemo(db, { now: NOW });
  return db.select().from(pages).get()!;
}

function openIncident(
  pageId: string,
  name: string,
  componentId: string,
  status: "degraded_performance" | "major_outage",
  at: number,
) {
  const id = insertIncident(db, {
    pageId,
    kind: "incident",
    name,
    status: "investigating",
    startedAt: at,
    at,
    componentIds: [componentId],
  });
  insertIncidentUpdate(db, {
    incidentId: id,
    status: "investigating",
    body: "Looking.",
    displayAt: at,
    at,
    deliverNotifications: false,
    componentStatuses: { [componentId]: status },
  });
  insertIncidentUpdate(db, {
    incidentId: id,
    status: "investigating",
    body: "Still looking.",
    displayAt: at + MINUTE,
    at: at + MINUTE,
    deliverNotifications: false,
  });
  return id;
}

describe("getHomePage", () => {
  it("reads the seeded page: 14 past days, uptime for visible showcase services, the upcoming maintenance", () => {
    const page = seeded();
    const home = getHomePage(db, page, NOW);
    expect(home.status.description).toBe("All Systems Operational");
    expect(home.pastDays).toHaveLength(14);
    expect(home.pastDays[0].date).toBe("2026-11-23");
    expect(home.pastDays.find((d) => d.date === "2026-11-18")?.incidents.map((i) => i.incident.name)).toEqual([
      "Wi-Fi dropping in the Science Building",
    ]);
    expect(home.maintenances.upcoming.map((m) => m.incident.name)).toEqual(["VPN gateway firmware upgrade"]);
    // Printing is not a showcase service and is hidden while operational: no bars. Each of the 4 groups has one.
    expect(home.uptime.size).toBe(15 + 4);
    const wifi = [...home.rows.flatMap((r) => (r.type === "group" ? r.components : [r.component]))].find(
      (c) => c.name === "Wi-Fi",
    )!;
    const wifiGroup = home.rows.find((r) => r.type === "group" && r.components.some((c) => c.id === wifi.id))!;
    const groupUptime = home.uptime.get(wifiGroup.type === "group" ? wifiGroup.group.id : "")!;
    const siblings =
      wifiGroup.type === "group" ? wifiGroup.components.map((c) => home.uptime.get(c.id)!.periods[90]!) : [];
    expect(groupUptime.periods[90]).toBeCloseTo(siblings.reduce((a, b) => a + b, 0) / siblings.length, 10);
    expect([...groupUptime.incidentsByDay.values()].flat()).toContain(
      [...home.uptime.get(wifi.id)!.incidentsByDay.values()].flat()[0],
    );
    const wifiUptime = home.uptime.get(wifi.id)!;
    expect(wifiUptime.days).toHaveLength(90);
    expect(wifiUptime.periods[30]).toBeLessThan(1);
    expect([...wifiUptime.incidentsByDay.values()].flat()).toHaveLength(1);
  });

  it("lists active incidents most severe first, labelling an unchanged status as an update", () => {
    const page = seeded();
    const a = insertComponent(db, { pageId: page.id, name: "A", at: NOW - DAY, actor: { source: "manual" } });
    const b = insertComponent(db, { pageId: page.id, name: "B", at: NOW - DAY, actor: { source: "manual" } });
    openIncident(page.id, "Slow", a, "degraded_performance", NOW - HOUR);
    openIncident(page.id, "Down", b, "major_outage", NOW - 2 * HOUR);
    const home = getHomePage(db, page, NOW);
    expect(home.active.map((i) => i.incident.name)).toEqual(["Down", "Slow"]);
    expect(home.active[0].updates.map((u) => u.label)).toEqual(["Update", "Investigating"]);
    expect(home.status.indicator).toBe("critical");
  });
});

describe("getHistoryPage", () => {
  it("pages by three months and filters by a service, ignoring an unknown one", () => {
    const page = seeded();
    const first = getHistoryPage(db, page, 1, undefined, NOW);
    expect(first.months.map((m) => m.month)).toEqual(["2026-11", "2026-10", "2026-09"]);
    expect(first.months[0].items.map((i) => i.incident.name)).toContain("Webmail slow to load");
    const vpn = first.services.find((s) => s.name === "VPN")!;
    const filtered = getHistoryPage(db, page, 1, vpn.id, NOW);
    expect(filtered.component?.name).toBe("VPN");
    expect(filtered.months.flatMap((m) => m.items.map((i) => i.incident.name))).toEqual([
      "VPN connections failing for some users",
    ]);
    expect(getHistoryPage(db, page, 1, "<script>", NOW).component).toBeUndefined();
  });
});
