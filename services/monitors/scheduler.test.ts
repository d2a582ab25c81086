// The scheduler and automation end to end, on a real SQLite file, against a real HTTP server on 127.0.0.1
// that the test flips between healthy, failing and slow. The clock is injected; the checks are real.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db";
import {
  automaticIncidents,
  components,
  componentStatusChanges,
  incidents,
  incidentUpdates,
  monitorResults,
  monitors,
  monitorStateChanges,
  notifications,
  pages,
} from "@/db/schema";
import { ensurePage } from "@/db/writes/page";
import { setStatusByHand } from "@/services/console/services";
import { addIncidentUpdate, editIncidentUpdate } from "@/services/incidents/incident-verbs";
import { postMaintenanceUpdate, scheduleMaintenance } from "@/services/incidents/maintenance-verbs";
import { createTemplate } from "@/services/incidents/templates";
import { HANDLERS, startHttpTarget, type HttpTarget } from "@/services/testing/monitor-targets";
import { addComponent, addMember, T0 } from "@/services/testing/scenario";
import { HOUR } from "@/core/time";
import { publishAutomaticDraft } from "./automation";
import { phaseOf } from "@/core/monitor-schedule";
import { createMonitorScheduler } from "./scheduler";
import { createMonitor, pauseMonitor } from "./verbs";

let target: HttpTarget;
let dir: string;
let db: Db;
let pageId: string;
let clock = T0;
const INTERVAL = 10_000;

beforeAll(async () => {
  target = await startHttpTarget(3190);
});
afterAll(() => target.close());
afterEach(() => {
  db?.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function freshDb(): Db {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "monitors-"));
  db = openDatabase(path.join(dir, "status.db"));
  ensurePage(db, { name: "Example IT Services", timeZone: "Etc/UTC", at: T0 - 100 * HOUR });
  pageId = db.select().from(pages).get()!.id;
  clock = T0;
  return db;
}

const statusOf = (id: string) => db.select().from(components).where(eq(components.id, id)).get()!.status;
const monitorRow = (id: string) => db.select().from(monitors).where(eq(monitors.id, id)).get()!;

/** Moves the clock to each next aligned run and ticks, `n` times. */
async function runTimes(scheduler: ReturnType<typeof createMonitorScheduler>, n: number) {
  for (let i = 0; i < n; i++) {
    clock = (Math.floor(clock / INTERVAL) + 1) * INTERVAL;
    await scheduler.tick();
  }
}

function httpMonitor(
  owner: ReturnType<typeof addMember>,
  componentId: string | null,
  over: Record<string, unknown> = {},
) {
  return createMonitor(
    db,
    owner,
    {
      name: "Intranet",
      kind: "http",
      intervalSeconds: 10,
      timeoutMs: 2_000,
      componentId,
      config: { url: `${target.url}/health` },
      ...over,
    },
    clock,
  ).id;
}

describe("monitor scheduler and automation", () => {
  it("takes a service down after 3 failures and back after 2 successes, recorded as automation by the monitor", async () => {
    freshDb();
    const owner = addMember(db, "owner");
    const intranet = addComponent(db, pageId, "Intranet");
    const id = httpMonitor(owner, intranet);
    const scheduler = createMonitorScheduler({ db, now: () => clock, tickMs: 0 });
    target.set(HANDLERS.healthy);
    await runTimes(scheduler, 1);
    expect(monitorRow(id)).toMatchObject({ state: "up", lastError: null });
    target.set(HANDLERS.failing);
    await runTimes(scheduler, 2);
    expect(statusOf(intranet)).toBe("operational");
    await runTimes(scheduler, 1);
    expect(monitorRow(id)).toMatchObject({ state: "down", lastError: "Status 500, expected 2xx" });
    expect(statusOf(intranet)).toBe("major_outage");
    target.set(HANDLERS.healthy);
    await runTimes(scheduler, 1);
    expect(statusOf(intranet)).toBe("major_outage");
    await runTimes(scheduler, 1);
    expect(statusOf(intranet)).toBe("operational");
    const history = db
      .select()
      .from(componentStatusChanges)
      .where(eq(componentStatusChanges.componentId, intranet))
      .orderBy(asc(componentStatusChanges.id))
      .all()
      .slice(1);
    expect(history.map((h) => [h.status, h.source, h.claimSource, h.claimSourceId])).toEqual([
      ["major_outage", "automation", "monitor", id],
      ["operational", "automation", "monitor", id],
    ]);
    expect(
      db
        .select()
        .from(monitorStateChanges)
        .all()
        .map((c) => `${c.fromState}->${c.toState}`),
    ).toEqual(["unknown->up", "up->down", "down->up"]);
    expect(db.select().from(monitorResults).all()).toHaveLength(6);
    // Nothing automatic told subscribers anything: status only, no incident.
    expect(db.select().from(incidents).all()).toEqual([]);
    expect(db.select().from(notifications).all()).toEqual([]);
  });

  it("runs are interval-aligned and a slow answer over the threshold degrades the service", async () => {
    freshDb();
    const owner = addMember(db, "owner");
    const api = addComponent(db, pageId, "API");
    const id = httpMonitor(owner, api, { slowThresholdMs: 150 });
    expect(monitorRow(id).nextRunAt % INTERVAL).toBe(phaseOf(id, 10));
    const scheduler = createMonitorScheduler({ db, now: () => clock, tickMs: 0 });
    target.set(HANDLERS.slow(250));
    await runTimes(scheduler, 3);
    expect(monitorRow(id).state).toBe("degraded");
    expect(statusOf(api)).toBe("degraded_performance");
    expect(monitorRow(id).nextRunAt % INTERVAL).toBe(phaseOf(id, 10));
    // Not due yet: a tick between runs runs nothing.
    clock += 1;
    expect(await scheduler.tick()).toBe(0);
  });

  it("two schedulers on two connections never run the same check twice", async () => {
    freshDb();
    const owner = addMember(db, "owner");
    for (let i = 0; i < 6; i++) httpMonitor(owner, null, { name: `M${i}` });
    const other = openDatabase(path.join(dir, "status.db"));
    try {
      target.set(HANDLERS.slow(100));
      const a = createMonitorScheduler({ db, now: () => clock, tickMs: 0, owner: "a" });
      const b = createMonitorScheduler({ db: other, now: () => clock, tickMs: 0, owner: "b" });
      clock = (Math.floor(clock / INTERVAL) + 1) * INTERVAL;
      const before = target.requests;
      const [ranA, ranB] = await Promise.all([a.tick(), b.tick()]);
      expect(ranA + ranB).toBe(6);
      expect(target.requests - before).toBe(6);
      expect(db.select().from(monitorResults).all()).toHaveLength(6);
    } finally {
      other.$client.close();
    }
  });

  it("bounds concurrency", async () => {
    freshDb();
    const owner = addMember(db, "owner");
    for (let i = 0; i < 5; i++) httpMonitor(owner, null, { name: `M${i}` });
    let active = 0;
    let peak = 0;
    target.set((req, res) => {
      active++;
      peak = Math.max(peak, active);
      setTimeout(() => {
        active--;
        HANDLERS.healthy(req, res);
      }, 80);
    });
    const scheduler = createMonitorScheduler({ db, now: () => clock, tickMs: 0, concurrency: 2 });
    clock = (Math.floor(clock / INTERVAL) + 1) * INTERVAL;
    let ran = 0;
    for (let i = 0; i < 3; i++) ran += await scheduler.tick();
    expect(ran).toBe(5);
    expect(peak).toBe(2);
  });

  it("published mode: one incident from the template per service, resolved once stably up", async () => {
    freshDb();
    const owner = addMember(db, "owner");
    const mail = addComponent(db, pageId, "Mail");
    const templateId = createTemplate(
      db,
      owner,
      {
        name: "Mail down",
        title: "Mail is unavailable",
        body: "We are looking into it.",
        status: "identified",
        componentIds: [],
        componentStatus: "partial_outage",
      },
      clock,
    );
    httpMonitor(owner, mail, { incidentMode: "published", templateId, failuresBeforeDown: 1 });
    httpMonitor(owner, mail, {
      name: "Mail (second probe)",
      incidentMode: "published",
      templateId,
      failuresBeforeDown: 1,
    });
    const scheduler = createMonitorScheduler({ db, now: () => clock, tickMs: 0 });
    target.set(HANDLERS.failing);
    await runTimes(scheduler, 2);
    const all = db.select().from(incidents).all();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ name: "Mail is unavailable", status: "identified" });
    expect(statusOf(mail)).toBe("major_outage");
    expect(
      db
        .select()
        .from(notifications)
        .all()
        .map((n) => n.kind),
    ).toContain("incident_created");
    target.set(HANDLERS.healthy);
    await runTimes(scheduler, 1);
    expect(db.select().from(incidents).get()!.status).toBe("identified");
    await runTimes(scheduler, 1);
    expect(db.select().from(incidents).get()!.status).toBe("resolved");
    expect(statusOf(mail)).toBe("operational");
    expect(
      db
        .select()
        .from(automaticIncidents)
        .all()
        .map((a) => a.state),
    ).toEqual(["ended"]);
  });

  it("published mode: an admin who corrects the automatic incident's text takes it over", async () => {
    freshDb();
    const owner = addMember(db, "owner");
    const mail = addComponent(db, pageId, "Mail");
    const templateId = createTemplate(
      db,
      owner,
      {
        name: "Mail down",
        title: "Mail is unavailable",
        body: "We are looking into it.",
        status: "investigating",
        componentIds: [],
        componentStatus: "partial_outage",
      },
      clock,
    );
    httpMonitor(owner, mail, { incidentMode: "published", templateId, failuresBeforeDown: 1, successesBeforeUp: 1 });
    const scheduler = createMonitorScheduler({ db, now: () => clock, tickMs: 0 });
    target.set(HANDLERS.failing);
    await runTimes(scheduler, 1);
    const first = db.select().from(incidentUpdates).get()!;
    editIncidentUpdate(db, owner, first.id, { message: "Mail is down for everyone; we are on it." }, clock + 1);
    target.set(HANDLERS.healthy);
    await runTimes(scheduler, 1);
    expect(db.select().from(incidents).get()!.status).toBe("investigating");
    expect(db.select().from(automaticIncidents).get()).toMatchObject({ state: "ended", takenOverAt: clock });
  });

  it("draft mode: a draft and no incident until an admin publishes; an admin's update takes it over", async () => {
    freshDb();
    const owner = addMember(db, "owner");
    const vpn = addComponent(db, pageId, "VPN");
    httpMonitor(owner, vpn, { incidentMode: "draft", failuresBeforeDown: 1, successesBeforeUp: 1 });
    const scheduler = createMonitorScheduler({ db, now: () => clock, tickMs: 0 });
    target.set(HANDLERS.failing);
    await runTimes(scheduler, 1);
    const draft = db.select().from(automaticIncidents).get()!;
    expect(draft).toMatchObject({ state: "draft", title: "Intranet is not responding", incidentId: null });
    expect(db.select().from(incidents).all()).toEqual([]);
    const incidentId = publishAutomaticDraft(db, owner, draft.id, clock);
    addIncidentUpdate(db, owner, incidentId, { status: "identified", message: "We found it" }, clock + 1);
    target.set(HANDLERS.healthy);
    await runTimes(scheduler, 1);
    // Taken over: automation does not resolve the admin's incident.
    expect(db.select().from(incidents).get()!.status).toBe("identified");
    expect(db.select().from(automaticIncidents).get()).toMatchObject({ state: "ended", takenOverAt: clock });
  });

  it("draft published and left alone is resolved on recovery; an unpublished draft is withdrawn", async () => {
    freshDb();
    const owner = addMember(db, "owner");
    const vpn = addComponent(db, pageId, "VPN");
    const wiki = addComponent(db, pageId, "Wiki");
    httpMonitor(owner, vpn, { incidentMode: "draft", failuresBeforeDown: 1, successesBeforeUp: 1 });
    httpMonitor(owner, wiki, { name: "Wiki", incidentMode: "draft", failuresBeforeDown: 1, successesBeforeUp: 1 });
    const scheduler = createMonitorScheduler({ db, now: () => clock, tickMs: 0 });
    target.set(HANDLERS.failing);
    await runTimes(scheduler, 1);
    const vpnDraft = db.select().from(automaticIncidents).where(eq(automaticIncidents.componentId, vpn)).get()!;
    const incidentId = publishAutomaticDraft(db, owner, vpnDraft.id, clock);
    target.set(HANDLERS.healthy);
    await runTimes(scheduler, 1);
    expect(db.select().from(incidents).where(eq(incidents.id, incidentId)).get()!.status).toBe("resolved");
    expect(db.select().from(incidentUpdates).where(eq(incidentUpdates.incidentId, incidentId)).all()).toHaveLength(2);
    expect(db.select().from(automaticIncidents).where(eq(automaticIncidents.componentId, wiki)).get()).toMatchObject({
      state: "ended",
      recoveredAt: clock,
      incidentId: null,
    });
    expect(db.select().from(incidents).all()).toHaveLength(1);
  });

  it("maintenance suppresses the claim; a hand-set status stands; pausing withdraws the claim", async () => {
    freshDb();
    const owner = addMember(db, "owner");
    const erp = addComponent(db, pageId, "ERP");
    const id = httpMonitor(owner, erp, { failuresBeforeDown: 1, successesBeforeUp: 1 });
    const scheduler = createMonitorScheduler({ db, now: () => clock, tickMs: 0 });
    const maintenance = scheduleMaintenance(
      db,
      owner,
      {
        name: "Upgrade",
        message: "m",
        scheduledFor: clock + HOUR,
        scheduledUntil: clock + 2 * HOUR,
        componentIds: [erp],
      },
      clock,
    ).id;
    postMaintenanceUpdate(db, owner, maintenance, { status: "in_progress" }, clock);
    target.set(HANDLERS.failing);
    await runTimes(scheduler, 1);
    expect(monitorRow(id).state).toBe("down");
    expect(statusOf(erp)).toBe("under_maintenance");

    freshDb();
    const admin = addMember(db, "admin");
    const crm = addComponent(db, pageId, "CRM");
    const m2 = httpMonitor(admin, crm, { failuresBeforeDown: 1, successesBeforeUp: 1 });
    const s2 = createMonitorScheduler({ db, now: () => clock, tickMs: 0 });
    await runTimes(s2, 1);
    expect(statusOf(crm)).toBe("major_outage");
    setStatusByHand(db, pageId, admin, crm, "degraded_performance", clock + 1);
    await runTimes(s2, 1);
    expect(statusOf(crm)).toBe("degraded_performance");
    pauseMonitor(db, admin, m2, true, clock + 1);
    expect(statusOf(crm)).toBe("degraded_performance");
    expect(
      db
        .select()
        .from(monitors)
        .where(and(eq(monitors.id, m2), eq(monitors.paused, true)))
        .get(),
    ).toBeTruthy();
  });
});

describe("the scheduler's own loop (real clock)", () => {
  it("starts a run within a few hundred ms of its aligned time, and stops cleanly", async () => {
    freshDb();
    const owner = addMember(db, "owner");
    target.set(HANDLERS.healthy);
    const id = createMonitor(
      db,
      owner,
      { name: "Loop", kind: "http", intervalSeconds: 10, timeoutMs: 2_000, config: { url: target.url } },
      Date.now(),
    ).id;
    const lateness: number[] = [];
    const done = new Promise<void>((resolve) => {
      const scheduler = createMonitorScheduler({
        db,
        onRun: ({ scheduledFor, startedAt }) => {
          lateness.push(startedAt - scheduledFor);
          void scheduler.stop().then(resolve);
        },
      });
    });
    await done;
    expect(lateness).toHaveLength(1);
    expect(lateness[0]).toBeLessThan(200);
    expect(monitorRow(id).nextRunAt % INTERVAL).toBe(phaseOf(id, 10));
  }, 20_000);
});
