// The monitors list's sparkline (24 h of response times, a picture with the numbers as text) and its
// Incident column (the monitor's open automatic incident). Real SQLite file, real rows.
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb } from "@/db";
import { automaticIncidents, monitorResults } from "@/db/schema";
import { Sparkline } from "@/components/admin/sparkline";
import { incidentLinks, sparklines } from "@/services/monitors/chart";
import { createMonitor } from "@/services/monitors/verbs";
import { newId } from "@/core/ids";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import type { World } from "@/services/testing/notification-fixtures";
import { addComponent, addIncident, addMember } from "@/services/testing/scenario";
import { HOUR } from "@/core/time";

let world: World;
beforeEach(() => {
  world = useFreshAppDatabase();
});
afterAll(() => closeDb());

const NOW = Date.UTC(2026, 10, 23, 12, 0);

function monitor(name: string, componentId: string) {
  const owner = addMember(world.db, "owner", `${name.toLowerCase()}@example.org`);
  return createMonitor(
    world.db,
    owner,
    { name, kind: "tcp", intervalSeconds: 60, componentId, config: { host: "127.0.0.1", port: 3241 } },
    NOW - 30 * HOUR,
  ).id;
}

describe("monitor list sparklines", () => {
  it("summarises the last 24 hours only: average response of answered checks, failures, and one point per bucket", () => {
    const id = monitor("Mail", addComponent(world.db, world.pageId, "Mail"));
    const rows = [
      { at: NOW - 25 * HOUR, outcome: "down" as const, responseMs: null }, // older than 24 h: left out
      { at: NOW - 20 * HOUR, outcome: "up" as const, responseMs: 100 },
      { at: NOW - 10 * HOUR, outcome: "up" as const, responseMs: 140 },
      { at: NOW - 2 * HOUR, outcome: "down" as const, responseMs: null },
      { at: NOW - HOUR, outcome: "down" as const, responseMs: 120 },
    ];
    world.db
      .insert(monitorResults)
      .values(rows.map((r) => ({ monitorId: id, ...r })))
      .run();
    const line = sparklines(world.db, NOW).get(id)!;
    expect(line).toMatchObject({ avgMs: 120, failures: 2, total: 4 });
    expect(line.points).toHaveLength(4);
    const html = renderToStaticMarkup(<Sparkline line={line} />);
    expect(html).toMatch(/<svg[^>]*aria-hidden="true"/);
    expect(html).toContain("<polyline");
    expect(html).toContain('class="sr-only">avg 120 ms, 2 failures in 24 h</span>');
  });

  it("a monitor without results in 24 h says so in text", () => {
    expect(renderToStaticMarkup(<Sparkline line={undefined} />)).toContain("no checks in 24 h");
  });
});

describe("the Incident column", () => {
  it("links a published automatic incident to its incident and a draft to the drafts; ended ones are not listed", () => {
    const mailService = addComponent(world.db, world.pageId, "Mail");
    const vpnService = addComponent(world.db, world.pageId, "VPN2");
    const dbService = addComponent(world.db, world.pageId, "Database");
    const mail = monitor("Mail", mailService);
    const vpn = monitor("VPN", vpnService);
    const old = monitor("Database", dbService);
    const incidentId = addIncident(world.db, world.pageId, {
      name: "Mail is down",
      start: NOW - HOUR,
      steps: [{ status: "investigating" }],
      componentIds: [mailService],
    });
    const base = {
      source: "monitor" as const,
      body: "",
      componentStatus: "major_outage" as const,
      createdAt: NOW - HOUR,
      updatedAt: NOW - HOUR,
    };
    world.db
      .insert(automaticIncidents)
      .values([
        {
          ...base,
          id: newId(),
          componentId: mailService,
          sourceId: mail,
          state: "published",
          title: "Mail is down",
          incidentId,
        },
        { ...base, id: newId(), componentId: vpnService, sourceId: vpn, state: "draft", title: "VPN is down" },
        {
          ...base,
          id: newId(),
          componentId: dbService,
          sourceId: old,
          state: "ended",
          title: "Database was down",
          endedAt: NOW - HOUR,
        },
      ])
      .run();
    const links = incidentLinks(world.db);
    expect(links.get(mail)).toEqual({ href: `/admin/incidents/${incidentId}`, label: "Mail is down" });
    expect(links.get(vpn)).toEqual({ href: "/admin/monitors#drafts", label: "Draft: VPN is down" });
    expect(links.has(old)).toBe(false);
  });
});
