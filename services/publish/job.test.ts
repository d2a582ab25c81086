// Background publishing: a change to public content is published within seconds (the job reads the public
// content version every tick), an unchanged site is not uploaded again, and "Publish now" is honoured.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { findPublishTargetStatus } from "@/db/queries/publish";
import { requestPublish } from "@/db/writes/publish";
import { addComponent, emptyPage } from "@/services/testing/scenario";
import { startTestSite, type TestSite } from "@/services/testing/publish-site";
import { folderTarget } from "./folder";
import { httpFetcher } from "./http-fetcher";
import { startPublisher } from "./job";

let db: Db;
let pageId: string;
let site: TestSite;
let dir: string;
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  db.$client.close();
  await site.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the background publisher", () => {
  it("publishes a public change within 10 s, and nothing while nothing changed", { timeout: 30_000 }, async () => {
    ({ db, pageId } = emptyPage());
    site = await startTestSite(0);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "publish-job-"));
    const logs: string[] = [];
    const runner = startPublisher({
      db,
      fetcher: httpFetcher(site.url),
      targets: [folderTarget(dir)],
      origin: "https://origin.example.org",
      origins: [site.url],
      intervalMs: 500,
      log: (m) => logs.push(m),
    });
    stop = runner.stop;
    await expect
      .poll(() => findPublishTargetStatus(db, "folder")?.lastSuccessAt ?? null, { timeout: 10_000 })
      .not.toBeNull();
    expect(fs.existsSync(path.join(dir, "index.html"))).toBe(true);
    const first = findPublishTargetStatus(db, "folder")!;

    // Nothing changed: ticks go by without a publish (the next one is due in a minute).
    await new Promise((r) => setTimeout(r, 1_500));
    expect(findPublishTargetStatus(db, "folder")!.lastSuccessAt).toBe(first.lastSuccessAt);

    // A write to a public table raises the version; the new page is in the folder within 10 s.
    site.pages.set("/", { type: "text/html", body: "<html><body><h1>Degraded</h1></body></html>" });
    const changedAt = Date.now();
    addComponent(db, pageId, "API");
    await expect
      .poll(() => fs.readFileSync(path.join(dir, "index.html"), "utf8"), { timeout: 10_000 })
      .toContain("Degraded");
    expect(Date.now() - changedAt).toBeLessThan(10_000);
    expect(logs.some((l) => /^\[publish\] folder: published \(\d+ uploaded/.test(l))).toBe(true);

    // The quick run after the change deleted nothing; the full run that follows it removes the incident page
    // the new home page no longer links to.
    await expect.poll(() => fs.existsSync(path.join(dir, "incidents/inc001.html")), { timeout: 10_000 }).toBe(false);

    // Publish now: a full run, recorded, the request cleared.
    const requestedAt = Date.now();
    requestPublish(db, ["folder"], requestedAt);
    await expect.poll(() => findPublishTargetStatus(db, "folder")!.requestedAt, { timeout: 10_000 }).toBeNull();
    await expect
      .poll(() => findPublishTargetStatus(db, "folder")!.lastSuccessAt!, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(requestedAt);
    expect(logs.some((l) => /folder: published the current state/.test(l))).toBe(true);
  });
});
