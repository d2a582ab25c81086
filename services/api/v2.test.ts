// Contract tests for the Statuspage v2 endpoints: every response is validated against strict schemas written
// from shared/specs/statuspage-v2.md (every key present, types, enums), and the orderings are checked.
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Db } from "@/db";
import { seedDemo } from "@/db/seed";
import { addComponent, addGroup, addIncident, emptyPage, T0 } from "@/services/testing/scenario";
import { HOUR } from "@/core/time";
import { V2_SCHEMAS as SCHEMAS } from "./schemas";
import { apiContext, buildV2, V2_ENDPOINTS, type V2Endpoint } from "./v2";

type Json = Record<string, any>;

let db: Db;
afterEach(() => db?.$client.close());

function everyEndpoint(): Record<V2Endpoint, Json> {
  const ctx = apiContext(db, "https://status.example.org")!;
  const out = {} as Record<V2Endpoint, Json>;
  for (const endpoint of V2_ENDPOINTS) {
    // Through JSON, as a consumer sees it: undefined keys would vanish here.
    const body = JSON.parse(JSON.stringify(buildV2(db, ctx, endpoint)));
    const result = SCHEMAS[endpoint].safeParse(body);
    if (!result.success) throw new Error(`${endpoint}: ${z.prettifyError(result.error)}`);
    out[endpoint] = body;
  }
  return out;
}

const newestFirst = (times: string[]) => expect(times).toEqual([...times].sort().reverse());

describe("a page with nothing on it", () => {
  it("answers every endpoint with the full shape and empty lists", () => {
    ({ db } = emptyPage());
    const all = everyEndpoint();
    expect(all["summary.json"]).toMatchObject({
      components: [],
      incidents: [],
      scheduled_maintenances: [],
      status: { indicator: "none", description: "All Systems Operational" },
    });
    expect(all["summary.json"].page).toMatchObject({
      name: "Example IT Services",
      url: "https://status.example.org",
      time_zone: "Etc/UTC",
    });
  });
});

describe("the seeded page", () => {
  it("lists groups as components followed by their children, positions 1-based within each level", () => {
    ({ db } = emptyPage());
    seedDemo(db, { now: T0 });
    const { components } = everyEndpoint()["components.json"];
    const top = components.filter((c: Json) => c.group_id === null);
    expect(top.map((c: Json) => c.position)).toEqual(top.map((_: Json, i: number) => i + 1));
    expect(top[0]).toMatchObject({ name: "Email & Collaboration", group: true, showcase: false });
    for (const group of components.filter((c: Json) => c.group)) {
      const children = components.filter((c: Json) => c.group_id === group.id);
      expect(group.components).toEqual(children.map((c: Json) => c.id));
      expect(children.map((c: Json) => c.position)).toEqual(children.map((_: Json, i: number) => i + 1));
      const at = components.indexOf(group);
      expect(components.slice(at + 1, at + 1 + children.length)).toEqual(children);
    }
  });

  it("lists past incidents newest first with their updates newest first, and no maintenances among them", () => {
    ({ db } = emptyPage());
    seedDemo(db, { now: T0 });
    const all = everyEndpoint();
    const incidents = all["incidents.json"].incidents;
    expect(incidents.length).toBeGreaterThanOrEqual(4);
    newestFirst(incidents.map((i: Json) => i.created_at));
    for (const i of incidents) newestFirst(i.incident_updates.map((u: Json) => u.display_at));
    expect(incidents.find((i: Json) => i.name === "Webmail slow to load")).toMatchObject({
      status: "resolved",
      impact: "minor",
      shortlink: expect.stringMatching(/^https:\/\/status\.example\.org\/incidents\/[0-9a-z]{12}$/),
      components: [expect.objectContaining({ name: "Webmail" })],
    });
    expect(all["incidents/unresolved.json"].incidents).toEqual([]);
    const maintenances = all["scheduled-maintenances.json"].scheduled_maintenances;
    expect(maintenances.map((m: Json) => m.name)).toEqual([
      "VPN gateway firmware upgrade",
      "Email server security updates",
    ]);
    expect(all["scheduled-maintenances/upcoming.json"].scheduled_maintenances.map((m: Json) => m.name)).toEqual([
      "VPN gateway firmware upgrade",
    ]);
    expect(all["summary.json"].scheduled_maintenances.map((m: Json) => m.status)).toEqual(["scheduled"]);
  });
});

describe("a page with open incidents and maintenances in every state", () => {
  function build() {
    const built = emptyPage("Europe/Berlin");
    db = built.db;
    const { pageId } = built;
    const group = addGroup(db, pageId, "Network");
    const vpn = addComponent(db, pageId, "VPN", { groupId: group });
    const wifi = addComponent(db, pageId, "Wi-Fi", { groupId: group });
    const mail = addComponent(db, pageId, "Email");
    const erp = addComponent(db, pageId, "ERP");
    const hr = addComponent(db, pageId, "HR");
    addIncident(db, pageId, {
      name: "Old and resolved",
      start: T0 - 48 * HOUR,
      steps: [
        { status: "investigating", set: { [hr]: "major_outage" } },
        { status: "resolved", set: { [hr]: "operational" } },
      ],
    });
    addIncident(db, pageId, {
      name: "VPN down",
      start: T0,
      steps: [
        { status: "investigating", set: { [vpn]: "major_outage" } },
        { status: "identified" },
        { status: "identified", body: "Still on it" },
      ],
    });
    addIncident(db, pageId, {
      name: "Wi-Fi slow",
      start: T0 + HOUR,
      steps: [{ status: "monitoring", set: { [wifi]: "degraded_performance" } }],
    });
    addIncident(db, pageId, {
      kind: "maintenance",
      name: "Future",
      start: T0 + 72 * HOUR,
      steps: [{ status: "scheduled" }],
      componentIds: [erp],
    });
    addIncident(db, pageId, {
      kind: "maintenance",
      name: "Running",
      start: T0 - HOUR,
      steps: [{ status: "scheduled" }, { status: "in_progress", set: { [mail]: "under_maintenance" } }],
    });
    addIncident(db, pageId, {
      kind: "maintenance",
      name: "Checking",
      start: T0 - 2 * HOUR,
      steps: [{ status: "scheduled" }, { status: "in_progress" }, { status: "verifying" }],
    });
    addIncident(db, pageId, {
      kind: "maintenance",
      name: "Done",
      start: T0 - 30 * HOUR,
      steps: [{ status: "scheduled" }, { status: "in_progress" }, { status: "completed" }],
    });
    addIncident(db, pageId, {
      kind: "maintenance",
      name: "Called off",
      start: T0 + 10 * HOUR,
      steps: [{ status: "scheduled" }, { status: "cancelled" }],
    });
    return { vpn, wifi, mail };
  }

  it("validates every endpoint and puts each item only where it belongs", () => {
    const { vpn } = build();
    const all = everyEndpoint();
    expect(all["summary.json"].page.time_zone).toBe("Europe/Berlin");
    expect(all["summary.json"].incidents.map((i: Json) => i.name)).toEqual(["Wi-Fi slow", "VPN down"]);
    expect(all["incidents/unresolved.json"].incidents.map((i: Json) => i.name)).toEqual(["Wi-Fi slow", "VPN down"]);
    expect(all["incidents.json"].incidents.map((i: Json) => i.name)).toEqual([
      "Wi-Fi slow",
      "VPN down",
      "Old and resolved",
    ]);
    expect(all["scheduled-maintenances/upcoming.json"].scheduled_maintenances.map((m: Json) => m.name)).toEqual([
      "Future",
    ]);
    expect(
      all["scheduled-maintenances/active.json"].scheduled_maintenances.map((m: Json) => [m.name, m.status]),
    ).toEqual([
      ["Checking", "verifying"],
      ["Running", "in_progress"],
    ]);
    expect(all["summary.json"].scheduled_maintenances.map((m: Json) => m.name)).toEqual([
      "Checking",
      "Running",
      "Future",
    ]);
    const everything = all["scheduled-maintenances.json"].scheduled_maintenances;
    expect(everything.find((m: Json) => m.name === "Called off").status).toBe("completed");
    expect(everything.map((m: Json) => m.name)).toEqual(["Future", "Called off", "Running", "Checking", "Done"]);

    const vpnDown = all["incidents.json"].incidents.find((i: Json) => i.name === "VPN down");
    expect(vpnDown).toMatchObject({ status: "identified", impact: "critical", monitoring_at: null, resolved_at: null });
    expect(vpnDown.incident_updates.map((u: Json) => u.body)).toEqual([
      "Still on it",
      "identified update",
      "investigating update",
    ]);
    expect(vpnDown.incident_updates[2].affected_components).toEqual([
      { code: vpn, name: "VPN", old_status: "operational", new_status: "major_outage" },
    ]);
    expect(vpnDown.incident_updates[0].affected_components).toBeNull();
    expect(all["status.json"].status).toEqual({ indicator: "critical", description: "Major System Outage" });
  });

  it("shows a group with its worst child's status", () => {
    build();
    const network = everyEndpoint()["components.json"].components.find((c: Json) => c.name === "Network");
    expect(network.status).toBe("major_outage");
  });
});
