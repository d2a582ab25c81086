import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { incidents } from "@/db/schema";
import { HISTORY_PAGE_SIZE, searchIncidentHistory } from "@/db/queries/console-incidents";
import { addComponent, addIncident, emptyPage, T0 } from "@/services/testing/scenario";
import { HOUR } from "@/core/time";
import { parseHistoryQuery } from "./incident-history";

const vpn = "aaaaaaaaaaaa";
const known = new Set([vpn]);

describe("parseHistoryQuery", () => {
  it("reads every filter, dates as whole days in the page's zone with the end date included", () => {
    const parsed = parseHistoryQuery(
      { q: " vpn ", status: "resolved", component: vpn, from: "2026-03-28", to: "2026-03-29", page: "2" },
      "Europe/Berlin",
      known,
    );
    expect(parsed.errors).toEqual({});
    expect(parsed.page).toBe(2);
    // Berlin is UTC+1 on the 28th and switches to UTC+2 on the 29th: the day after the end date starts at 22:00 UTC.
    expect(parsed.filter).toEqual({
      q: "vpn",
      status: "resolved",
      componentId: vpn,
      from: Date.UTC(2026, 2, 27, 23),
      to: Date.UTC(2026, 2, 29, 22),
    });
  });

  it("reports nonsense per field and leaves it out of the filter", () => {
    const parsed = parseHistoryQuery(
      {
        q: "x".repeat(101),
        status: "exploded",
        component: "bbbbbbbbbbbb",
        from: "2026-02-30",
        to: "yesterday",
        page: "-3",
      },
      "Etc/UTC",
      known,
    );
    expect(Object.keys(parsed.errors).sort()).toEqual(["component", "from", "q", "status", "to"]);
    expect(parsed.filter).toEqual({});
    expect(parsed.page).toBe(1);
  });

  it("refuses an end date before the start date and takes the first of repeated parameters", () => {
    const parsed = parseHistoryQuery(
      { from: "2026-05-02", to: "2026-04-30", status: ["open", "resolved"] },
      "Etc/UTC",
      known,
    );
    expect(parsed.errors.to).toBe("The end date must not be before the start date.");
    expect(parsed.filter.status).toBe("open");
  });
});

describe("searchIncidentHistory", () => {
  it("filters by words (wildcards taken literally), status, service and start date, newest first, a page at a time", () => {
    const { db, pageId } = emptyPage();
    try {
      const mail = addComponent(db, pageId, "Email");
      const a = addIncident(db, pageId, {
        name: "Email 100% down",
        start: T0,
        componentIds: [mail],
        steps: [{ status: "investigating" }, { status: "resolved" }],
      });
      const b = addIncident(db, pageId, { name: "Email slow", start: T0 + HOUR, steps: [{ status: "investigating" }] });
      const c = addIncident(db, pageId, {
        name: "VPN_down",
        start: T0 + 2 * HOUR,
        steps: [{ status: "investigating" }, { status: "resolved" }],
      });
      const ids = (filter: Parameters<typeof searchIncidentHistory>[2]) =>
        searchIncidentHistory(db, pageId, filter).rows.map((r) => r.id);
      expect(ids({})).toEqual([c, b, a]);
      expect(ids({ q: "100%" })).toEqual([a]);
      expect(ids({ q: "N_d" })).toEqual([c]);
      expect(ids({ q: "%" })).toEqual([a]);
      expect(ids({ status: "open" })).toEqual([b]);
      expect(ids({ status: "resolved" })).toEqual([c, a]);
      expect(ids({ status: "postmortem" })).toEqual([]);
      db.update(incidents)
        .set({ postmortemBody: "Why", postmortemPublishedAt: T0 + 3 * HOUR })
        .where(eq(incidents.id, a))
        .run();
      expect(ids({ status: "postmortem" })).toEqual([a]);
      expect(ids({ status: "resolved" })).toEqual([c, a]);
      expect(ids({ componentId: mail })).toEqual([a]);
      expect(ids({ from: T0 + 1, to: T0 + 2 * HOUR })).toEqual([b]);
      for (let i = 0; i < HISTORY_PAGE_SIZE; i++)
        addIncident(db, pageId, { name: `Old ${i}`, start: T0 - (i + 1) * HOUR, steps: [{ status: "resolved" }] });
      const second = searchIncidentHistory(db, pageId, {}, 2);
      expect(second.total).toBe(HISTORY_PAGE_SIZE + 3);
      expect(second.rows.map((r) => r.name)).toEqual(["Old 22", "Old 23", "Old 24"]);
    } finally {
      db.$client.close();
    }
  });
});
