// The public response-time chart: the numbers become an SVG line with its unit, and the same numbers as text.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DAY, HOUR } from "@/core/time";
import { ResponseTimeChart } from "./response-time-chart";

const NOW = Date.UTC(2026, 10, 23, 12, 30);
const H = Date.UTC(2026, 10, 23, 12);
const D = Date.UTC(2026, 10, 23);

describe("ResponseTimeChart", () => {
  it("draws the last 24 hours and 90 days with the unit, a summary in words and the hours as a hidden table", () => {
    const html = renderToStaticMarkup(
      <ResponseTimeChart
        name="Web"
        now={NOW}
        timeZone="Etc/UTC"
        series={{
          hours: [
            { at: H - 24 * HOUR, ms: 100, down: 0, total: 120 },
            { at: H - HOUR, ms: 200, down: 3, total: 120 },
          ],
          days: [{ at: D - DAY, ms: 150, down: 0, total: 2880 }],
        }}
      />,
    );
    expect(html).toContain("Response time");
    expect(html).toContain("Last 24 hours: average 150 ms (100–200 ms), 3 of 240 checks failed");
    expect(html).toContain("Last 90 days: average 150 ms (150–150 ms), no failed checks");
    // The top of the 24-hour chart is labelled with its unit.
    expect(html).toContain(">200 ms</text>");
    // 24 h window of 240 units: the first hour at x 0, the last complete hour at x 230; 100 ms halfway up.
    expect(html).toMatch(/<polyline points="0\.0,30\.0 230\.0,4\.0"/);
    expect(html).toContain(
      '<div class="sr-only"><table><caption>Web: average response time per hour, last 24 hours</caption>',
    );
    expect(html).toContain("<td>200 ms</td><td>3 of 120</td>");
    expect(html).not.toContain("<script");
  });

  it("says so when there are no measurements yet", () => {
    const html = renderToStaticMarkup(
      <ResponseTimeChart name="Web" now={NOW} timeZone="Etc/UTC" series={{ hours: [], days: [] }} />,
    );
    expect(html).toContain("No response times measured yet.");
    expect(html).not.toContain("<svg");
  });
});
