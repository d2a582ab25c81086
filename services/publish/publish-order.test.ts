// A quick publish puts the change out first: the language-independent objects (the /api/v2 JSON) and the
// default language's pages are rendered and uploaded as a round of their own, manifest written, before any
// other language's page is even fetched. Real HTTP site on 127.0.0.1, real folder, real SQLite.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { LOCALES } from "@/core/i18n/locales";
import { emptyPage } from "@/services/testing/scenario";
import { startTestSite, type TestSite } from "@/services/testing/publish-site";
import { folderTarget } from "./folder";
import { httpFetcher } from "./http-fetcher";
import { publishSite, type PublishRun } from "./publish";

let db: Db;
let site: TestSite;
let dir: string;
const T = Date.UTC(2026, 11, 1, 12, 0);
beforeEach(async () => {
  ({ db } = emptyPage());
  site = await startTestSite(0);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "publish-order-"));
});
afterEach(async () => {
  db.$client.close();
  await site.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const html = (text: string) => ({ type: "text/html; charset=utf-8", body: `<html><body>${text}</body></html>` });
const others = LOCALES.filter((l) => l !== "en");
const isOtherLanguage = (key: string) => others.some((l) => key === `${l}.html` || key.startsWith(`${l}/`));

describe("a quick publish", () => {
  it("uploads the API and the default language first, as its own round, then the other languages", async () => {
    for (const l of others) site.pages.set(`/${l}`, html(`home ${l}`));
    const folder = folderTarget(dir);
    const events: string[] = [];
    const recording = {
      ...folder,
      put: async (o: Parameters<typeof folder.put>[0]) => (events.push(`put ${o.key}`), folder.put(o)),
      writeManifest: async (m: Parameters<typeof folder.writeManifest>[0]) => (
        events.push("manifest"),
        folder.writeManifest(m)
      ),
    };
    const run = (at: number, quickSince?: number): PublishRun => ({
      db,
      fetcher: httpFetcher(site.url),
      targets: [recording],
      origin: "https://origin.example.org",
      origins: [site.url],
      now: () => at,
      retryDelayMs: 1,
      quickSince,
    });
    expect((await publishSite(run(T)))[0].ok).toBe(true);

    // A change shows on every language's home page and in the API.
    site.pages.set("/", html("Degraded"));
    for (const l of others) site.pages.set(`/${l}`, html(`Degraded ${l}`));
    site.pages.set("/api/v2/summary.json", { type: "application/json", body: '{"status":"degraded"}' });
    events.length = 0;
    site.requests.length = 0;
    const [outcome] = await publishSite(run(T + 60_000, T));
    expect(outcome).toMatchObject({ ok: true, quick: true, uploaded: 2 + others.length });

    const puts = events.filter((e) => e.startsWith("put "));
    const firstOther = events.findIndex((e) => e.startsWith("put ") && isOtherLanguage(e.slice(4)));
    expect(
      events
        .slice(0, firstOther)
        .filter((e) => e.startsWith("put "))
        .sort(),
    ).toEqual(["put api/v2/summary.json", "put index.html"]);
    // The first round's manifest is written before any other language goes up.
    expect(events.slice(0, firstOther)).toContain("manifest");
    expect(puts.slice(2).every((e) => isOtherLanguage(e.slice(4)))).toBe(true);
    // And the other languages were not even fetched before the first round was rendered.
    const firstOtherFetch = site.requests.findIndex((u) => others.some((l) => u === `/${l}` || u.startsWith(`/${l}/`)));
    expect(site.requests.slice(firstOtherFetch)).not.toContain("/api/v2/summary.json");
    expect(site.requests.slice(firstOtherFetch)).not.toContain("/");
    expect(fs.readFileSync(path.join(dir, "de.html"), "utf8")).toContain("Degraded de");
  });
});
