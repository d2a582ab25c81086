// Heartbeat monitors through the real route handler and a real database file; the clock is injected where
// the deadline matters.
import { eq } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/heartbeat/[token]/route";
import { closeDb } from "@/db";
import { components, monitorResults, monitors } from "@/db/schema";
import { insertComponent } from "@/db/writes/components";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import type { World } from "@/services/testing/notification-fixtures";
import { addMember } from "@/services/testing/scenario";
import { receiveHeartbeat } from "./heartbeat";
import { createMonitorScheduler } from "./scheduler";
import { createMonitor, deleteMonitor } from "./verbs";

let world: World;
beforeEach(() => {
  world = useFreshAppDatabase();
});
afterAll(() => closeDb());

const call = (handler: typeof GET, token: string, query = "", method = "GET") =>
  handler(new Request(`http://127.0.0.1:3999/api/heartbeat/${token}${query}`, { method }), {
    params: Promise.resolve({ token }),
  });

function backupMonitor(now: number) {
  const owner = addMember(world.db, "owner");
  const componentId = insertComponent(world.db, {
    pageId: world.pageId,
    name: "Backups",
    at: now - 1000,
    actor: { source: "manual" },
  });
  const created = createMonitor(
    world.db,
    owner,
    {
      name: "Nightly backup",
      kind: "heartbeat",
      intervalSeconds: 60,
      timeoutMs: 1_000,
      componentId,
      failuresBeforeDown: 1,
      successesBeforeUp: 1,
      config: { graceSeconds: 10 },
    },
    now,
  );
  return { ...created, owner, componentId };
}

describe("heartbeat monitors", () => {
  it("GET and POST record a heartbeat; ?status=fail&msg= records a failure with the message", async () => {
    const { id, heartbeatToken } = backupMonitor(Date.now());
    expect(heartbeatToken).toMatch(/^[\w-]{43}$/);
    expect(world.db.select().from(monitors).get()!.heartbeatTokenHash).not.toBe(heartbeatToken);
    const ok = await call(GET, heartbeatToken!);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, recorded: "up", monitor: "Nightly backup" });
    expect((await call(POST, heartbeatToken!, "", "POST")).status).toBe(200);
    const fail = await call(GET, heartbeatToken!, "?status=fail&msg=disk%20full");
    expect(await fail.json()).toMatchObject({ recorded: "down" });
    const rows = world.db.select().from(monitorResults).where(eq(monitorResults.monitorId, id)).all();
    expect(rows.map((r) => [r.outcome, r.error])).toEqual([
      ["up", null],
      ["up", null],
      ["down", "The job reported a failure: disk full"],
    ]);
  });

  it("a wrong token, or the token of a deleted monitor, is a 404 that changes nothing", async () => {
    const { id, heartbeatToken, owner } = backupMonitor(Date.now());
    const wrong = await call(GET, "not-the-token");
    expect(wrong.status).toBe(404);
    expect(await wrong.json()).toEqual({
      error: "Unknown heartbeat URL: the token is wrong or its monitor was deleted",
    });
    deleteMonitor(world.db, owner, id);
    expect((await call(GET, heartbeatToken!)).status).toBe(404);
    expect(world.db.select().from(monitorResults).all()).toEqual([]);
  });

  it("refuses a bad status or a message with control characters (400)", async () => {
    const { heartbeatToken } = backupMonitor(Date.now());
    const bad = await call(GET, heartbeatToken!, "?status=maybe");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'status must be "ok" or "fail"' });
    const control = await call(GET, heartbeatToken!, "?status=fail&msg=a%00b");
    expect(control.status).toBe(400);
    expect((await control.json()).error).toMatch(/^msg: Remove the control character U\+0000/);
    expect(world.db.select().from(monitorResults).all()).toEqual([]);
  });

  it("is rate limited per monitor: the 31st call in a minute is a 429 with Retry-After", async () => {
    const now = Date.now();
    const { heartbeatToken } = backupMonitor(now);
    for (let i = 0; i < 30; i++)
      expect((await receiveHeartbeat(world.db, heartbeatToken!, new URLSearchParams(), now + i)).status).toBe(200);
    const limited = await receiveHeartbeat(world.db, heartbeatToken!, new URLSearchParams(), now + 40);
    expect(limited).toMatchObject({ status: 429, retryAfterSeconds: 60 });
    expect((await receiveHeartbeat(world.db, heartbeatToken!, new URLSearchParams(), now + 60_001)).status).toBe(200);
  });

  it("goes down when its job stops calling (period + grace), and comes back with the next call", async () => {
    let clock = Date.UTC(2026, 5, 11, 9, 0, 0);
    const { id, heartbeatToken, componentId } = backupMonitor(clock);
    const scheduler = createMonitorScheduler({ db: world.db, now: () => clock, tickMs: 0 });
    await receiveHeartbeat(world.db, heartbeatToken!, new URLSearchParams(), clock);
    clock += 65_000; // within 60 s + 10 s grace
    await scheduler.tick();
    expect(world.db.select().from(monitors).get()!.state).toBe("up");
    clock += 10_000; // 75 s since the last call
    await scheduler.tick();
    const monitor = world.db.select().from(monitors).where(eq(monitors.id, id)).get()!;
    expect(monitor).toMatchObject({ state: "down", lastError: "No heartbeat for more than 70 s" });
    expect(world.db.select().from(components).where(eq(components.id, componentId)).get()!.status).toBe("major_outage");
    await receiveHeartbeat(world.db, heartbeatToken!, new URLSearchParams(), clock + 1);
    expect(world.db.select().from(components).where(eq(components.id, componentId)).get()!.status).toBe("operational");
  });
});
