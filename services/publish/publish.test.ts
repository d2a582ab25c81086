// The publisher against a folder: a real HTTP "app" on 127.0.0.1 (services/testing/publish-site.ts), the
// real fetcher, a real SQLite database for the status rows and leases, real files.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { findPublishTargetStatus } from "@/db/queries/publish";
import { claimPublishLease } from "@/db/writes/publish";
import { emptyPage } from "@/services/testing/scenario";
import { examplePages, startTestSite, type TestSite } from "@/services/testing/publish-site";
import { folderTarget } from "./folder";
import { httpFetcher } from "./http-fetcher";
import { publishSite, type PublishRun } from "./publish";
import { MANIFEST_KEY } from "./target";

let db: Db;
let site: TestSite;
let dir: string;
const T = Date.UTC(2026, 11, 1, 12, 0);

beforeEach(async () => {
  ({ db } = emptyPage());
  site = await startTestSite(0);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "publish-folder-"));
});
afterEach(async () => {
  db.$client.close();
  await site.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const run = (overrides: Partial<PublishRun> = {}): PublishRun => ({
  db,
  fetcher: httpFetcher(site.url),
  targets: [folderTarget(dir)],
  origin: "https://origin.example.org",
  origins: ["http://localhost:3000", site.url],
  baseUrl: "https://status.example.org",
  now: () => T,
  retryDelayMs: 1,
  ...overrides,
});
const read = (key: string) => fs.readFileSync(path.join(dir, key), "utf8");

describe("publishing to a folder", () => {
  it("writes the whole site with relative links, the forms at the origin, and says when it was published", async () => {
    const [outcome] = await publishSite(run());
    expect(outcome).toMatchObject({ target: "folder", ok: true, deleted: 0, unchanged: 0 });
    const files = fs.readdirSync(dir, { recursive: true }).map(String).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        "index.html",
        "history.html",
        "history--page-2.html",
        "incidents/inc001.html",
        "_next/static/css/app.css",
        "_next/static/media/f.woff2",
        "page.js",
        "api/v2/summary.json",
        "404.html",
        MANIFEST_KEY,
      ]),
    );
    const home = read("index.html");
    expect(home).toContain('href="incidents/inc001.html"');
    expect(home).toContain('href="_next/static/css/app.css"');
    expect(home).toContain('href="https://origin.example.org/subscribe"');
    expect(home).toContain('datetime="2026-12-01T12:00:00.000Z"');
    // Next's framework script is gone, as in the page cache; ours stays.
    expect(home).not.toContain("chunks/x.js");
    expect(home).toContain('src="page.js"');
    expect(read("incidents/inc001.html")).toContain('href="../index.html"');
    expect(read("history.html")).toContain('href="history--page-2.html"');
    expect(read("_next/static/css/app.css")).toContain("url(../media/f.woff2)");
    expect(JSON.parse(read("api/v2/summary.json")).incidents[0].shortlink).toBe(
      "https://status.example.org/incidents/inc001.html",
    );
    // The 404 page is served for any path, so its links are absolute.
    expect(read("404.html")).toContain('href="https://status.example.org/index.html"');
    const status = findPublishTargetStatus(db, "folder")!;
    expect(status).toMatchObject({ lastSuccessAt: T, lastObjectsChanged: outcome.uploaded, lastError: null });
    expect(status.leaseOwner).toBeNull();
  });

  it("publishes the history filter's per-service pages and links them from the copy", async () => {
    // What components/history-filter.tsx renders: links, with the chosen service's page at its own key.
    const filter = `<nav><a href="/history">All services</a><a href="/history?component=web">Website</a></nav>`;
    site.pages.set("/history", {
      type: "text/html",
      body: `<html><body>${filter}<a href="/history?page=2">Older</a></body></html>`,
    });
    site.pages.set("/history?component=web", {
      type: "text/html",
      body: `<html><body>${filter}<a href="/history?component=web&amp;page=2">Older</a></body></html>`,
    });
    site.pages.set("/history?component=web&page=2", { type: "text/html", body: `<html><body>${filter}</body></html>` });
    const [outcome] = await publishSite(run());
    expect(outcome.ok).toBe(true);
    expect(read("history.html")).toContain('href="history--component-web.html"');
    const filtered = read("history--component-web.html");
    expect(filtered).toContain('href="history.html"');
    expect(filtered).toContain('href="history--component-web--page-2.html"');
    expect(read("history--component-web--page-2.html")).toContain('href="history--component-web.html"');
  });

  it("uploads only what changed, and deletes what is gone only after the pages linking it", async () => {
    await publishSite(run());
    site.pages.set("/", examplePages(["inc002"]).get("/")!);
    site.pages.set("/incidents/inc002", examplePages(["inc002"]).get("/incidents/inc002")!);
    site.pages.set("/api/v2/summary.json", examplePages(["inc002"]).get("/api/v2/summary.json")!);
    site.pages.delete("/incidents/inc001");
    const written: string[] = [];
    const folder = folderTarget(dir);
    const recording = {
      ...folder,
      put: async (o: Parameters<typeof folder.put>[0]) => (written.push(o.key), folder.put(o)),
      remove: async (k: string) => (written.push(`-${k}`), folder.remove(k)),
    };
    const [outcome] = await publishSite(run({ targets: [recording], now: () => T + 60_000 }));
    expect(written[0]).toBe("incidents/inc002.html");
    expect(written.slice(1, 3).sort()).toEqual(["api/v2/summary.json", "index.html"]);
    expect(written[3]).toBe("-incidents/inc001.html");
    expect(outcome).toMatchObject({ ok: true, uploaded: 3, deleted: 1 });
    expect(fs.existsSync(path.join(dir, "incidents/inc001.html"))).toBe(false);
    // Unchanged pages keep their first "published at".
    expect(read("history.html")).toContain("2026-12-01T12:00:00.000Z");
    expect(read("index.html")).toContain("2026-12-01T12:01:00.000Z");
  });

  it("fails clearly, and keeps the previous copy, when the folder cannot be written", async () => {
    await publishSite(run());
    const before = read("index.html");
    // A file where a directory must be: every write under incidents/ fails (a full disk cannot be made
    // without root, this fails the same code path: the write throws).
    fs.rmSync(path.join(dir, "incidents"), { recursive: true });
    fs.writeFileSync(path.join(dir, "incidents"), "not a directory");
    site.pages.set("/", examplePages(["inc001", "inc003"]).get("/")!);
    site.pages.set("/incidents/inc003", examplePages(["inc003"]).get("/incidents/inc003")!);
    site.pages.set("/incidents/inc001", { type: "text/html", body: "<html><body>changed</body></html>" });
    const [outcome] = await publishSite(run({ now: () => T + 60_000 }));
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatch(/could not be uploaded.*previous copy stays whole.*(ENOTDIR|EEXIST)/);
    expect(read("index.html")).toBe(before);
    const status = findPublishTargetStatus(db, "folder")!;
    expect(status.lastError).toBe(outcome.error);
    expect(status.failingSince).toBe(T + 60_000);
    expect(status.lastSuccessAt).toBe(T);
  });

  it("completes an interrupted publish on the next run", async () => {
    const controller = new AbortController();
    let puts = 0;
    const folder = folderTarget(dir);
    const interrupted = {
      ...folder,
      put: async (o: Parameters<typeof folder.put>[0]) => {
        if (++puts === 3) controller.abort(new Error("killed"));
        return folder.put(o);
      },
    };
    const [first] = await publishSite(run({ targets: [interrupted], signal: controller.signal }));
    expect(first.ok).toBe(false);
    expect(fs.existsSync(path.join(dir, "index.html"))).toBe(false);
    const [second] = await publishSite(run());
    expect(second.ok).toBe(true);
    expect(read("index.html")).toContain('href="incidents/inc001.html"');
    const manifest = JSON.parse(read(MANIFEST_KEY));
    expect(Object.keys(manifest).sort()).toEqual(
      fs
        .readdirSync(dir, { recursive: true })
        .map(String)
        .filter((f) => f.includes(".") && f !== MANIFEST_KEY && !fs.statSync(path.join(dir, f)).isDirectory())
        .sort(),
    );
  });

  it("skips a target another process is publishing, and refuses a page that is not public", async () => {
    claimPublishLease(db, "folder", "someone-else", T, 60_000);
    const [busy] = await publishSite(run());
    expect(busy).toMatchObject({ ok: false, busy: true });
    expect(site.requests).toEqual([]);

    db.$client.exec("update pages set visibility = 'private'");
    const [refused] = await publishSite(run({ now: () => T + 120_000 }));
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatch(/private, not public/);
    expect(site.requests).toEqual([]);
  });

  it("says the app is not running when it cannot be reached", async () => {
    const [outcome] = await publishSite(run({ fetcher: httpFetcher("http://127.0.0.1:3169") }));
    expect(outcome.error).toMatch(/Rendering the site failed: The app is not running at http:\/\/127.0.0.1:3169/);
  });

  it("refuses an internal (private) copy: nothing of a mixed page's internal part is written", async () => {
    // The app answering as it does for an allowed network: every page an internal copy.
    const internal = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html", "cache-control": "private, no-store" });
      res.end("<html><body>Payroll is down</body></html>");
    });
    await new Promise<void>((resolve) => internal.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = internal.address() as AddressInfo;
      const [outcome] = await publishSite(run({ fetcher: httpFetcher(`http://127.0.0.1:${port}`) }));
      expect(outcome.ok).toBe(false);
      expect(outcome.error).toMatch(/private \(internal\) copy/);
      expect(fs.readdirSync(dir).filter((f) => f.endsWith(".html"))).toEqual([]);
    } finally {
      internal.close();
    }
  });
});
