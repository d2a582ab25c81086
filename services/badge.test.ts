import { describe, expect, it } from "vitest";
import { badgeSvg, componentBadgeColor, indicatorBadgeColor } from "./badge";

describe("badgeSvg", () => {
  it("is an accessible SVG with the label and message", () => {
    const svg = badgeSvg("status", "All Systems Operational", indicatorBadgeColor("none"));
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="20" role="img" aria-label="status: All Systems Operational">/,
    );
    expect(svg).toContain("<title>status: All Systems Operational</title>");
    expect(svg).toContain('fill="#2e7d32"');
  });

  it("escapes names and grows with the text", () => {
    const svg = badgeSvg("R&D <lab>", "operational", componentBadgeColor("operational"));
    expect(svg).toContain("R&amp;D &lt;lab&gt;");
    expect(svg).not.toContain("<lab>");
    const width = (s: string) => Number(/width="(\d+)"/.exec(s)![1]);
    expect(width(badgeSvg("status", "Major System Outage", "#000"))).toBeGreaterThan(
      width(badgeSvg("status", "ok", "#000")),
    );
  });

  it("colours each status differently", () => {
    const colors = new Set(
      ["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"].map((s) =>
        componentBadgeColor(s as never),
      ),
    );
    expect(colors.size).toBe(5);
  });

  it("gives a service the colour of the page indicator it would cause alone", () => {
    expect(componentBadgeColor("operational")).toBe(indicatorBadgeColor("none"));
    expect(componentBadgeColor("degraded_performance")).toBe(indicatorBadgeColor("minor"));
    expect(componentBadgeColor("partial_outage")).toBe(indicatorBadgeColor("major"));
    expect(componentBadgeColor("major_outage")).toBe(indicatorBadgeColor("critical"));
    expect(componentBadgeColor("under_maintenance")).toBe(indicatorBadgeColor("maintenance"));
  });
});
