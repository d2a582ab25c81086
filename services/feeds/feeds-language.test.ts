// Each language's feed and calendar (/de/history.atom, /ar/maintenances.ics): the fixed words, xml:lang and
// links in that language; the entries' layout and the admin's text as they are.
import { afterEach, expect, it } from "vitest";
import type { Db } from "@/db";
import { apiContext } from "@/services/api/v2";
import { addComponent, addIncident, emptyPage, T0 } from "@/services/testing/scenario";
import { atomFeed, entryHtml, loadFeedBundles, rssFeed } from "./history";
import { maintenanceCalendar } from "./ical";

let db: Db;
afterEach(() => db?.$client.close());

function setUp() {
  const built = emptyPage("Etc/UTC");
  db = built.db;
  const vpn = addComponent(db, built.pageId, "VPN");
  const id = addIncident(db, built.pageId, {
    name: "VPN down",
    start: T0,
    steps: [
      { status: "investigating", body: "Looking", after: 0, set: { [vpn]: "major_outage" } },
      { status: "investigating", body: "Still looking", after: 10 },
    ],
  });
  const ctx = apiContext(db, "https://status.example.org")!;
  return { ctx, id, bundles: loadFeedBundles(db, ctx) };
}

const german = { locale: "de", defaultLocale: "en", path: "/history.atom" } as const;

it("writes the German feed in German with German links, the admin's words unchanged", () => {
  const { ctx, id, bundles } = setUp();
  const atom = atomFeed({ ctx, bundles, lang: german });
  expect(atom).toContain('<feed xml:lang="de"');
  expect(atom).toContain(`${ctx.page.name} Status - Störungsverlauf`);
  expect(atom).toContain(`href="https://status.example.org/de/incidents/${id}"`);
  expect(atom).toContain('href="https://status.example.org/de/history.atom"');
  expect(atom).toContain("<title>VPN down</title>");
  const rss = rssFeed({ ctx, bundles, lang: german });
  expect(rss).toContain("<language>de</language>");
  expect(rss).toContain(`Störungsverlauf von ${ctx.page.name}`);
  const html = entryHtml(bundles[0], "Etc/UTC", "de");
  expect(html).toContain("<strong>Wird untersucht</strong> - Looking");
  expect(html).toContain("<strong>Update</strong> - Still looking");
  expect(html).toContain("<var data-var='date'>");
});

it("keeps the English feed exactly as before when no language is given", () => {
  const { ctx, bundles } = setUp();
  const atom = atomFeed({ ctx, bundles });
  expect(atom).toContain('<feed xml:lang="en-US"');
  expect(atom).toContain("Incident History");
});

it("names the calendar and its fixed words in the URL's language", () => {
  const { ctx } = setUp();
  const ics = maintenanceCalendar(ctx, [], { locale: "fr", defaultLocale: "en", path: "/maintenances.ics" });
  expect(ics).toContain(`X-WR-CALNAME:Maintenances de ${ctx.page.name}`);
});
