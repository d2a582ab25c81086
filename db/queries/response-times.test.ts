// The public response-time chart's numbers: the roll-ups of a service's monitors, merged per bucket.
import { afterEach, describe, expect, it } from "vitest";
import { DAY, HOUR } from "@/core/time";
import type { Db } from "../index";
import { monitorRollups, monitors, pages } from "../schema";
import { insertComponent } from "../writes/components";
import { getHomePage } from "./home-page";
import { newId } from "@/core/ids";
import { addComponent, emptyPage } from "@/services/testing/scenario";
import { getResponseTimes } from "./response-times";

const NOW = Date.UTC(2026, 10, 23, 12, 30);
const HOUR_NOW = Date.UTC(2026, 10, 23, 12);
const DAY_NOW = Date.UTC(2026, 10, 23);
let db: Db;
afterEach(() => db?.$client.close());

function monitor(pageId: string, componentId: string | null, kind: "http" | "heartbeat" = "http") {
  const id = newId();
  db.insert(monitors)
    .values({
      id,
      pageId,
      name: `M ${id}`,
      kind,
      config: {},
      intervalSeconds: 30,
      timeoutMs: 5000,
      componentId,
      nextRunAt: NOW,
      createdAt: NOW - 100 * DAY,
      updatedAt: NOW - 100 * DAY,
    })
    .run();
  return id;
}

function rollup(
  monitorId: string,
  resolution: "hour" | "day",
  bucketStart: number,
  avgMs: number | null,
  counts: { up?: number; down?: number; timed?: number } = {},
) {
  const up = counts.up ?? 10;
  db.insert(monitorRollups)
    .values({
      monitorId,
      resolution,
      bucketStart,
      countUp: up,
      countSlow: 0,
      countDown: counts.down ?? 0,
      timedCount: counts.timed ?? up,
      minMs: avgMs,
      avgMs,
      p95Ms: avgMs,
      maxMs: avgMs,
    })
    .run();
}

describe("getResponseTimes", () => {
  it("reads the last 24 hourly and 90 daily roll-ups of each service, merging its monitors weighted by timed checks", () => {
    const page = emptyPage();
    db = page.db;
    const web = addComponent(db, page.pageId, "Web");
    const mail = addComponent(db, page.pageId, "Mail");
    const quiet = addComponent(db, page.pageId, "Quiet");
    const a = monitor(page.pageId, web);
    const b = monitor(page.pageId, web);
    const beat = monitor(page.pageId, web, "heartbeat"); // heartbeats measure no response time
    const m = monitor(page.pageId, mail);
    monitor(page.pageId, null);

    rollup(a, "hour", HOUR_NOW - 25 * HOUR, 999); // before the 24-hour window
    rollup(a, "hour", HOUR_NOW - 24 * HOUR, 100);
    rollup(a, "hour", HOUR_NOW - HOUR, 100, { up: 30, timed: 30 });
    rollup(b, "hour", HOUR_NOW - HOUR, 200, { up: 8, down: 2, timed: 10 });
    rollup(beat, "hour", HOUR_NOW - HOUR, 5000);
    rollup(a, "hour", HOUR_NOW - 2 * HOUR, null, { up: 0, down: 10, timed: 0 }); // every check failed
    rollup(a, "day", DAY_NOW - 91 * DAY, 999); // before the 90-day window
    rollup(a, "day", DAY_NOW - 90 * DAY, 120);
    rollup(a, "day", DAY_NOW - DAY, 110);
    rollup(m, "day", DAY_NOW - DAY, 40);

    const series = getResponseTimes(db, [web, mail, quiet], NOW);
    expect([...series.keys()].sort()).toEqual([web, mail].sort());
    expect(series.get(web)!.hours).toEqual([
      { at: HOUR_NOW - 24 * HOUR, ms: 100, down: 0, total: 10 },
      { at: HOUR_NOW - 2 * HOUR, ms: null, down: 10, total: 10 },
      // (100 x 30 + 200 x 10) / 40 = 125; the heartbeat's roll-up is left out
      { at: HOUR_NOW - HOUR, ms: 125, down: 2, total: 40 },
    ]);
    expect(series.get(web)!.days).toEqual([
      { at: DAY_NOW - 90 * DAY, ms: 120, down: 0, total: 10 },
      { at: DAY_NOW - DAY, ms: 110, down: 0, total: 10 },
    ]);
    expect(series.get(mail)).toEqual({ hours: [], days: [{ at: DAY_NOW - DAY, ms: 40, down: 0, total: 10 }] });
  });

  it("reads nothing for no services", () => {
    const page = emptyPage();
    db = page.db;
    expect(getResponseTimes(db, [], NOW).size).toBe(0);
  });
});

describe("the home page's response times", () => {
  it("are read only for services whose admin turned the chart on", () => {
    const page = emptyPage();
    db = page.db;
    const on = insertComponent(db, {
      pageId: page.pageId,
      name: "On",
      showResponseTime: true,
      at: NOW - 10 * DAY,
      actor: { source: "manual" },
    });
    const off = addComponent(db, page.pageId, "Off");
    rollup(monitor(page.pageId, on), "hour", HOUR_NOW - HOUR, 80);
    rollup(monitor(page.pageId, off), "hour", HOUR_NOW - HOUR, 90);
    const home = getHomePage(db, db.select().from(pages).get()!, NOW);
    expect([...home.responseTimes.keys()]).toEqual([on]);
    expect(home.responseTimes.get(on)!.hours).toEqual([{ at: HOUR_NOW - HOUR, ms: 80, down: 0, total: 10 }]);
  });
});
