// Alert intake through the real route handlers on a real SQLite file: the recorded Alertmanager, Grafana and
// generic payloads (services/integrations/fixtures), dedupe, replay, resolve, unknown services, malformed bodies,
// wrong secrets, automation and the team alert.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { POST as postWithSecret } from "@/app/api/integrations/[id]/[secret]/route";
import { POST as postWithBearer } from "@/app/api/integrations/[id]/route";
import { closeDb } from "@/db";
import { recentPayloads } from "@/db/queries/integrations";
import {
  automaticIncidents,
  components,
  componentStatusChanges,
  incidents,
  notifications,
  statusClaims,
  users,
} from "@/db/schema";
import { PAYLOAD_LOG_SIZE } from "@/db/writes/integrations";
import { createTemplate } from "@/services/incidents/templates";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import type { World } from "@/services/testing/notification-fixtures";
import { addComponent, addMember } from "@/services/testing/scenario";
import { eq } from "drizzle-orm";
import { INTAKE_LIMIT, resetIntakeLimitsForTests } from "./intake";
import { createIntegration, deleteIntegration, intakeUrl } from "./verbs";

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "fixtures", name), "utf8");

let world: World;
beforeEach(() => {
  world = useFreshAppDatabase();
  resetIntakeLimitsForTests();
});
afterAll(() => closeDb());

function send(id: string, secret: string, body: string, init: { bearer?: boolean; contentType?: string } = {}) {
  const headers: Record<string, string> = { "content-type": init.contentType ?? "application/json" };
  if (init.bearer) {
    headers.authorization = `Bearer ${secret}`;
    return postWithBearer(
      new Request(`http://127.0.0.1:3999/api/integrations/${id}`, { method: "POST", headers, body }),
      { params: Promise.resolve({ id }) },
    );
  }
  return postWithSecret(
    new Request(intakeUrl("http://127.0.0.1:3999", id, secret), { method: "POST", headers, body }),
    { params: Promise.resolve({ id, secret }) },
  );
}

const statusOf = (id: string) => world.db.select().from(components).where(eq(components.id, id)).get()!.status;
const claimCount = () => world.db.select().from(statusClaims).all().length;

function setup(kind: "alertmanager" | "grafana" | "generic", extra: Record<string, unknown> = {}) {
  const owner = addMember(world.db, "owner");
  const database = addComponent(world.db, world.pageId, "Database");
  const mail = addComponent(world.db, world.pageId, "Mail");
  const vpn = world.vpn;
  const printing = addComponent(world.db, world.pageId, "Printing");
  const { id, secret } = createIntegration(world.db, owner, {
    name: `Prod ${kind}`,
    kind,
    matchers: [{ label: "team", value: "mail", componentId: mail }],
    ...extra,
  });
  return { owner, database, mail, vpn, printing, id, secret };
}

describe("alertmanager payloads", () => {
  it("a grouped notification opens one claim per alert: service label and matcher rule, severities mapped; repeats and replays change nothing", async () => {
    const s = setup("alertmanager");
    const body = fixture("alertmanager-grouped-firing.json");
    const first = await send(s.id, s.secret, body);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ ok: true, alerts: 2, opened: 2, unchanged: 0 });
    expect(statusOf(s.database)).toBe("major_outage");
    expect(statusOf(s.mail)).toBe("degraded_performance");
    const history = world.db
      .select()
      .from(componentStatusChanges)
      .where(eq(componentStatusChanges.componentId, s.database))
      .all()
      .at(-1)!;
    expect(history).toMatchObject({ source: "automation", claimSource: "integration", claimSourceId: s.id });

    const historyRows = world.db.select().from(componentStatusChanges).all().length;
    for (const bearer of [false, true]) {
      const again = await send(s.id, s.secret, body, { bearer });
      expect(await again.json()).toMatchObject({ opened: 0, unchanged: 2 });
    }
    expect(claimCount()).toBe(2);
    expect(world.db.select().from(componentStatusChanges).all().length).toBe(historyRows);
    expect(recentPayloads(world.db, s.id).map((p) => p.outcome)).toEqual(["unchanged", "unchanged", "applied"]);
  });

  it("resolved ends the claim and the service recovers; a stale firing re-send after that is ignored", async () => {
    const s = setup("alertmanager");
    const firing = JSON.parse(fixture("alertmanager-grouped-firing.json"));
    await send(s.id, s.secret, JSON.stringify(firing));
    const resolved = structuredClone(firing);
    resolved.status = "resolved";
    resolved.alerts[0].status = "resolved";
    resolved.alerts[0].endsAt = "2026-12-01T09:30:00Z";
    resolved.alerts = [resolved.alerts[0]];
    expect(await (await send(s.id, s.secret, JSON.stringify(resolved))).json()).toMatchObject({ ended: 1 });
    expect(statusOf(s.database)).toBe("operational");
    expect(statusOf(s.mail)).toBe("degraded_performance");
    // The old firing notification arrives late (a re-send): the alert started before its claim ended.
    expect(await (await send(s.id, s.secret, JSON.stringify(firing))).json()).toMatchObject({
      opened: 0,
      stale: 1,
      unchanged: 1,
    });
    expect(statusOf(s.database)).toBe("operational");
    // The same alert firing anew (a later startsAt) opens a claim again.
    const anew = structuredClone(firing);
    anew.alerts[0].startsAt = new Date(Date.now() + 1000).toISOString();
    expect(await (await send(s.id, s.secret, JSON.stringify(anew))).json()).toMatchObject({ opened: 1 });
    expect(statusOf(s.database)).toBe("major_outage");
  });

  it("an alert for an unknown service is logged on the integration and changes nothing", async () => {
    const s = setup("alertmanager");
    const payload = JSON.parse(fixture("alertmanager-grouped-firing.json"));
    payload.alerts = [{ ...payload.alerts[0], labels: { alertname: "X", service: "Payroll" } }];
    const res = await send(s.id, s.secret, JSON.stringify(payload));
    expect(await res.json()).toMatchObject({ ok: true, unknownService: 1, opened: 0 });
    expect(claimCount()).toBe(0);
    const [logged] = recentPayloads(world.db, s.id);
    expect(logged.outcome).toBe("unknown_service");
    expect(JSON.stringify(logged.detail)).toContain('No service named \\"Payroll\\"');
  });

  it("malformed payloads are a 400 with the reason, logged as rejected, nothing changed", async () => {
    const s = setup("alertmanager");
    const cases: [string, RegExp][] = [
      ["{not json", /not valid JSON/],
      [JSON.stringify({ version: "3", groupKey: "g", status: "firing", receiver: "r", alerts: [] }), /version/],
      [
        JSON.stringify({
          version: "4",
          groupKey: "g",
          status: "firing",
          receiver: "r",
          alerts: [{ status: "burning", labels: {} }],
        }),
        /alerts\.0\.status/,
      ],
      [
        JSON.stringify({
          version: "4",
          groupKey: "g",
          status: "firing",
          receiver: "r",
          alerts: [{ status: "firing", labels: { a: 1 } }],
        }),
        /alerts\.0\.labels/,
      ],
      [JSON.stringify(["not", "an", "object"]), /body|version/],
    ];
    for (const [body, reason] of cases) {
      const res = await send(s.id, s.secret, body);
      expect(res.status, body).toBe(400);
      expect((await res.json()).error).toMatch(reason);
    }
    expect(claimCount()).toBe(0);
    expect(recentPayloads(world.db, s.id).every((p) => p.outcome === "rejected")).toBe(true);
    const wrongType = await send(s.id, s.secret, "x=1", { contentType: "application/x-www-form-urlencoded" });
    expect(wrongType.status).toBe(415);
  });

  it("a wrong secret, another integration's secret, or an unknown id is a 401 JSON that changes nothing", async () => {
    const s = setup("alertmanager");
    const other = createIntegration(world.db, s.owner, { name: "Other", kind: "alertmanager" });
    const body = fixture("alertmanager-grouped-firing.json");
    for (const [id, secret] of [
      [s.id, "wrong"],
      [s.id, other.secret],
      ["zzzzzzzzzzzz", s.secret],
    ]) {
      const res = await send(id, secret, body);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: "Unknown integration or wrong secret" });
    }
    const noBearer = await postWithBearer(
      new Request(`http://127.0.0.1:3999/api/integrations/${s.id}`, { method: "POST", body }),
      { params: Promise.resolve({ id: s.id }) },
    );
    expect(noBearer.status).toBe(401);
    expect(claimCount()).toBe(0);
    expect(recentPayloads(world.db, s.id)).toEqual([]);
  });

  it("is rate limited per integration: 429 with Retry-After, nothing recorded", async () => {
    const s = setup("alertmanager");
    const other = createIntegration(world.db, s.owner, { name: "Other", kind: "generic" });
    const saved = INTAKE_LIMIT.perWindow;
    INTAKE_LIMIT.perWindow = 3;
    try {
      const body = fixture("alertmanager-grouped-firing.json");
      for (let i = 0; i < 3; i++) expect((await send(s.id, s.secret, body)).status).toBe(200);
      const limited = await send(s.id, s.secret, body);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await limited.json()).toEqual({ error: "Too many payloads for this integration" });
      expect(recentPayloads(world.db, s.id)).toHaveLength(3);
      // Another integration has its own allowance.
      expect((await send(other.id, other.secret, fixture("generic-firing.json"))).status).toBe(200);
    } finally {
      INTAKE_LIMIT.perWindow = saved;
    }
  });

  it("keeps only the last 100 payloads per integration", async () => {
    const s = setup("alertmanager");
    const body = fixture("alertmanager-grouped-firing.json");
    for (let i = 0; i < PAYLOAD_LOG_SIZE + 5; i++) await send(s.id, s.secret, body);
    expect(recentPayloads(world.db, s.id, 1000)).toHaveLength(PAYLOAD_LOG_SIZE);
  });

  it("deleting the integration ends its claims and the services recover", async () => {
    const s = setup("alertmanager");
    await send(s.id, s.secret, fixture("alertmanager-grouped-firing.json"));
    deleteIntegration(world.db, s.owner, s.id);
    expect(statusOf(s.database)).toBe("operational");
    expect(statusOf(s.mail)).toBe("operational");
    expect((await send(s.id, s.secret, "{}")).status).toBe(401);
  });
});

describe("grafana and generic payloads (recorded examples)", () => {
  it("grafana: firing takes the service by its id-or-name label (any case), resolved brings it back", async () => {
    const s = setup("grafana");
    expect(await (await send(s.id, s.secret, fixture("grafana-firing.json"))).json()).toMatchObject({ opened: 1 });
    expect(statusOf(s.vpn)).toBe("major_outage");
    expect(await (await send(s.id, s.secret, fixture("grafana-resolved.json"))).json()).toMatchObject({ ended: 1 });
    expect(statusOf(s.vpn)).toBe("operational");
    // An Alertmanager payload is not a Grafana one (no orgId).
    const res = await send(s.id, s.secret, fixture("alertmanager-grouped-firing.json"));
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/orgId/);
  });

  it("generic: a configurable severity map; a single object or a list; unknown keys refused", async () => {
    const s = setup("generic", { severityMap: { warning: "partial_outage" }, defaultStatus: "degraded_performance" });
    expect(await (await send(s.id, s.secret, fixture("generic-firing.json"))).json()).toMatchObject({ opened: 1 });
    expect(statusOf(s.printing)).toBe("partial_outage");
    expect(await (await send(s.id, s.secret, fixture("generic-resolved.json"))).json()).toMatchObject({ ended: 1 });
    expect(statusOf(s.printing)).toBe("operational");
    await send(s.id, s.secret, JSON.stringify({ service: s.printing, summary: "odd", severity: "info" }));
    expect(statusOf(s.printing)).toBe("degraded_performance");
    await send(s.id, s.secret, JSON.stringify({ service: "printing", status: "major_outage" }));
    expect(statusOf(s.printing)).toBe("major_outage");
    const bad = await send(s.id, s.secret, JSON.stringify({ service: "Printing", colour: "red" }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/generic payload/);
  });
});

describe("automation and the team", () => {
  it("draft mode: a draft waits for an admin (no incident, nobody told); the alert resolving withdraws it", async () => {
    const owner = addMember(world.db, "owner");
    const { id, secret } = createIntegration(world.db, owner, {
      name: "Grafana",
      kind: "grafana",
      incidentMode: "draft",
    });
    expect((await (await send(id, secret, fixture("grafana-firing.json"))).json()).automation).toEqual(["drafted"]);
    expect(world.db.select().from(incidents).all()).toEqual([]);
    expect(world.db.select().from(automaticIncidents).get()).toMatchObject({
      state: "draft",
      source: "integration",
      sourceId: id,
      componentStatus: "major_outage",
      title: "Alert from Grafana: VPN gateway error rate above 20%",
    });
    expect((await (await send(id, secret, fixture("grafana-resolved.json"))).json()).automation).toEqual(["withdrawn"]);
    expect(world.db.select().from(automaticIncidents).get()!.state).toBe("ended");
  });

  it("published mode: one incident from the template, resolved when the alert resolves; opted-in members get a team alert", async () => {
    const owner = addMember(world.db, "owner");
    world.db.update(users).set({ notifyOnMonitorDown: true }).where(eq(users.id, owner.userId)).run();
    const vpn = world.vpn;
    const templateId = createTemplate(world.db, owner, {
      name: "VPN down",
      title: "VPN is unavailable",
      body: "We are on it.",
      status: "identified",
      componentIds: [],
      componentStatus: "major_outage",
    });
    const { id, secret } = createIntegration(world.db, owner, {
      name: "Grafana",
      kind: "grafana",
      incidentMode: "published",
      templateId,
    });
    const fired = await (await send(id, secret, fixture("grafana-firing.json"))).json();
    expect(fired.automation).toEqual(["published"]);
    const [incident] = world.db.select().from(incidents).all();
    expect(incident).toMatchObject({ name: "VPN is unavailable", status: "identified" });
    const alerts = world.db.select().from(notifications).where(eq(notifications.kind, "monitor_down")).all();
    expect(alerts).toHaveLength(1);
    expect(alerts[0].payload).toMatchObject({
      to: [owner.label],
      serviceName: "VPN",
      consolePath: `/admin/integrations/${id}`,
    });
    // A repeat neither posts a second incident nor emails again.
    await send(id, secret, fixture("grafana-firing.json"));
    expect(world.db.select().from(incidents).all()).toHaveLength(1);
    expect(world.db.select().from(notifications).where(eq(notifications.kind, "monitor_down")).all()).toHaveLength(1);
    const resolved = await (await send(id, secret, fixture("grafana-resolved.json"))).json();
    expect(resolved.automation).toEqual(["resolved"]);
    expect(world.db.select().from(incidents).get()!.status).toBe("resolved");
    expect(statusOf(vpn)).toBe("operational");
  });
});
