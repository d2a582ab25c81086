// Which run the background publisher makes (core/publish-schedule.ts publishKind), against a real HTTP site
// on 127.0.0.1, a real folder and a real SQLite database, on a clock the test moves: with no change each
// minute renders only the time-dependent set; a change goes out in a quick run and a full run follows; the
// full site is otherwise rendered hourly and after local midnight.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { FULL_EVERY_MS, type LastFull } from "@/core/publish-schedule";
import { addComponent, emptyPage } from "@/services/testing/scenario";
import { startTestSite, type TestSite } from "@/services/testing/publish-site";
import { folderTarget } from "./folder";
import { httpFetcher } from "./http-fetcher";
import { publishDueTargets } from "./job";
import type { PublishRun } from "./publish";
import { CURRENT_STATE_URLS, inEveryLanguage } from "./site";

let db: Db;
let pageId: string;
let site: TestSite;
let dir: string;
const clock = { now: Date.UTC(2026, 11, 1, 12, 0) };
const lastFull = new Map<string, LastFull>();
beforeEach(async () => {
  ({ db, pageId } = emptyPage());
  site = await startTestSite(0);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "publish-schedule-"));
  lastFull.clear();
});
afterEach(async () => {
  db.$client.close();
  await site.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const run = (): PublishRun => ({
  db,
  fetcher: httpFetcher(site.url),
  targets: [folderTarget(dir)],
  origin: "https://origin.example.org",
  origins: [site.url],
  now: () => clock.now,
  retryDelayMs: 1,
});
/** One tick at `at`: what it fetched from the app, and whether it was a quick (partial) run. */
async function tick(at: number) {
  clock.now = at;
  site.requests.length = 0;
  const outcomes = await publishDueTargets(run(), at, lastFull);
  return { outcomes, fetched: [...site.requests], quick: outcomes[0]?.quick };
}
const TIME_SET = new Set(CURRENT_STATE_URLS.flatMap(inEveryLanguage));
/** Besides the set, only hashed assets a page links to (files, never renders): none in the real app's manifest. */
const rendered = (urls: string[]) => urls.filter((u) => !u.startsWith("/_next/static/"));

describe("the publisher's runs", () => {
  it("renders only the time-dependent set each minute while nothing changes", async () => {
    const start = clock.now;
    const full = await tick(start);
    expect(full.quick).toBe(false);
    expect(full.fetched).toEqual(expect.arrayContaining(["/incidents/inc001", "/history?page=2", "/page.js"]));
    expect(await tick(start + 30_000)).toMatchObject({ outcomes: [] });

    // Time alone changes what the home page shows (an upcoming maintenance starts): the minute's run has it.
    site.pages.set("/", { type: "text/html", body: "<html><body><h1>Maintenance in progress</h1></body></html>" });
    const minute = await tick(start + 60_000);
    expect(minute.quick).toBe(true);
    expect(minute.fetched.length).toBeGreaterThan(0);
    expect(rendered(minute.fetched).filter((u) => !TIME_SET.has(u))).toEqual([]);
    expect(minute.fetched).toEqual(expect.arrayContaining(["/", "/de", "/ar", "/api/v2/summary.json"]));
    expect(minute.outcomes[0]).toMatchObject({ ok: true, uploaded: 1 });
    expect(fs.readFileSync(path.join(dir, "index.html"), "utf8")).toContain("Maintenance in progress");
    // And when it is over, the next minute takes it away again, still without the full site.
    site.pages.set("/", { type: "text/html", body: "<html><body><h1>All systems operational</h1></body></html>" });
    const next = await tick(start + 120_000);
    expect(rendered(next.fetched).filter((u) => !TIME_SET.has(u))).toEqual([]);
    expect(fs.readFileSync(path.join(dir, "index.html"), "utf8")).not.toContain("Maintenance in progress");
  });

  it("puts a change out in a quick run, then follows it with a full one", async () => {
    const start = clock.now;
    await tick(start);
    addComponent(db, pageId, "API");
    const quick = await tick(start + 5_000);
    expect(quick.quick).toBe(true);
    expect(rendered(quick.fetched).filter((u) => !TIME_SET.has(u))).toEqual([]);
    const full = await tick(start + 7_000);
    expect(full.quick).toBe(false);
    expect(full.fetched).toEqual(expect.arrayContaining(["/incidents/inc001", "/history?page=2"]));
    // Then only the minute's runs again.
    expect(await tick(start + 9_000)).toMatchObject({ outcomes: [] });
    expect((await tick(start + 67_000)).quick).toBe(true);
  });

  it("renders the full site hourly and after local midnight in the page's zone", async () => {
    const start = clock.now;
    await tick(start);
    for (let m = 1; m < 60; m++) expect((await tick(start + m * 60_000)).quick).toBe(true);
    expect((await tick(start + FULL_EVERY_MS)).quick).toBe(false);

    // 23:59:30 UTC (the page's zone: Etc/UTC), then 00:00:30: a new local day, a full run.
    lastFull.clear();
    const late = Date.UTC(2026, 11, 1, 23, 59, 30);
    await tick(late);
    expect(lastFull.get("folder")?.at).toBe(late);
    expect((await tick(late + 60_000)).quick).toBe(false);
  });

  it("gives way to a change while a full run renders: the quick run goes first, the full run after", async () => {
    const start = clock.now;
    await tick(start);
    addComponent(db, pageId, "API");
    await tick(start + 5_000); // the quick run
    site.delay.ms = 60; // a slow render: the full run that follows takes seconds
    const gaveWay = { count: 0 };
    const full = publishDueTargets(run(), start + 7_000, lastFull, gaveWay);
    await new Promise((r) => setTimeout(r, 300));
    const changedAt = Date.now();
    addComponent(db, pageId, "Web");
    const [outcome] = await full;
    expect(outcome).toMatchObject({ ok: false, superseded: true, uploaded: 0 });
    expect(Date.now() - changedAt).toBeLessThan(1_500);
    expect(gaveWay.count).toBe(1);
    site.delay.ms = 0;
    expect((await tick(start + 9_000)).quick).toBe(true);
    const after = await publishDueTargets(run(), start + 11_000, lastFull, gaveWay);
    expect(after[0]).toMatchObject({ ok: true, quick: false });
    expect(gaveWay.count).toBe(0);
  });

  it("stops giving way after three times in a row, so steady changes cannot starve the full run", async () => {
    const start = clock.now;
    await tick(start);
    addComponent(db, pageId, "API");
    await tick(start + 5_000);
    site.delay.ms = 30;
    const full = publishDueTargets(run(), start + 7_000, lastFull, { count: 3 });
    await new Promise((r) => setTimeout(r, 200));
    addComponent(db, pageId, "Web");
    expect((await full)[0]).toMatchObject({ ok: true, quick: false });
  });
});
