// Item 6: rows holding characters XML 1.0 and iCalendar cannot carry (written before the input rule, or by
// another tool) still give feeds, badges and calendars that strict readers accept.
import ICAL from "ical.js";
import Parser from "rss-parser";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { loadIncidentBundles } from "@/db/queries/public-api";
import { apiContext } from "@/services/api/v2";
import { badgeSvg } from "@/services/badge";
import { addComponent, addIncident, emptyPage, T0 } from "@/services/testing/scenario";
import { HOUR } from "@/core/time";
import { atomFeed, loadFeedBundles, rssFeed } from "./history";
import { escapeText, maintenanceCalendar } from "./ical";
import { escapeXml } from "./xml";

/** NUL, SOH, VT, US, DEL, U+FFFE, a lone surrogate, CRLF, CR, and the characters each format escapes. */
const HOSTILE = "A\u0000B\u0001C\u000bD\u001fE\u007fF\ufffeG\ud800H\r\nI\rJ;K,L\\M<&>\"'N\u{1F600}";

let db: Db;
afterEach(() => db?.$client.close());

/** XML 1.0's Char production, over the whole document. */
const XML_CHAR = /^[\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;

/** Only characters XML 1.0 allows (the feeds are parsed by rss-parser below as well). */
function expectWellFormedXml(doc: string): void {
  expect(XML_CHAR.test(doc), `illegal XML character at ${[...doc].findIndex((c) => !XML_CHAR.test(c))}`).toBe(true);
  expect(doc).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
}

function hostilePage() {
  const built = emptyPage();
  db = built.db;
  const service = addComponent(db, built.pageId, HOSTILE);
  addIncident(db, built.pageId, {
    name: HOSTILE,
    start: T0,
    steps: [{ status: "investigating", body: HOSTILE, set: { [service]: "major_outage" } }],
  });
  addIncident(db, built.pageId, {
    kind: "maintenance",
    name: HOSTILE,
    start: T0 + 48 * HOUR,
    steps: [{ status: "scheduled", body: HOSTILE }],
    componentIds: [service],
    windowMinutes: 60,
  });
  return { ctx: apiContext(db, "https://status.example.org")!, service, pageId: built.pageId };
}

describe("XML 1.0 output", () => {
  it("escapeXml replaces what XML cannot carry and keeps the rest, astral characters included", () => {
    expect(escapeXml(HOSTILE)).toBe(
      "A\ufffdB\ufffdC\ufffdD\ufffdE\ufffdF\ufffdG\ufffdH\r\nI\rJ;K,L\\M&lt;&amp;&gt;&quot;&#39;N\u{1F600}",
    );
  });

  it("the Atom and RSS feeds (also per service) stay well-formed and parse", async () => {
    const { ctx, service } = hostilePage();
    const bundles = loadFeedBundles(db, ctx);
    for (const doc of [
      atomFeed({ ctx, bundles }),
      rssFeed({ ctx, bundles }),
      atomFeed({ ctx, bundles, componentName: HOSTILE, componentId: service }),
      rssFeed({ ctx, bundles, componentName: HOSTILE, componentId: service }),
    ]) {
      expectWellFormedXml(doc);
      const feed = await new Parser().parseString(doc);
      expect(feed.items[0].title).toContain("A\ufffdB");
      expect(feed.items[0].title).toContain("M<&>");
    }
  });

  it("the badge stays well-formed", () => {
    expectWellFormedXml(badgeSvg(HOSTILE, HOSTILE, "#000"));
  });
});

describe("iCalendar TEXT (RFC 5545 3.3.11)", () => {
  it("escapes backslash, semicolon, comma and every line break, and leaves no control character raw", () => {
    expect(escapeText("a\\b;c,d\r\ne\rf\ng\th")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ng\th");
    expect(escapeText("x\u0000y\u001fz\u007f")).toBe("x\ufffdy\ufffdz\ufffd");
  });

  it("the calendar has only CRLF line ends, lines of at most 75 octets, and parses back to the sanitised text", () => {
    const { pageId, ctx } = hostilePage();
    const text = maintenanceCalendar(
      ctx,
      loadIncidentBundles(db, pageId, { kind: "maintenance", order: "scheduled_asc", limit: 10 }),
    );
    const lines = text.split("\r\n");
    for (const line of lines) {
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
      // A content line holds no control character but tab (CR and LF only ever as the line end).
      expect(line).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f]/);
    }
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent("vevent")!);
    // SQLite keeps a lone surrogate as three bytes that read back as three U+FFFD: "?" stands for one or more.
    expect(event.summary.replace(/\ufffd+/g, "?")).toBe("A?B?C?D?E?F?G?H\nI\nJ;K,L\\M<&>\"'N\u{1F600}");
    expect(event.description).toContain("H\nI\nJ;K,L\\M");
  });
});
