// axe finds no violations on the public pages, light and dark, desktop and phone; each run also leaves a
// screenshot in e2e/.artifacts for people to look at.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./public-fixtures";

const VIEWPORTS = { 1280: { width: 1280, height: 900 }, 375: { width: 375, height: 740 } } as const;
const PAGES = ["home", "incident", "history"] as const;

for (const scheme of ["light", "dark"] as const) {
  for (const [width, viewport] of Object.entries(VIEWPORTS)) {
    test.describe(`${width}px, ${scheme}`, () => {
      test.use({ viewport, colorScheme: scheme });
      for (const name of PAGES) {
        test(`the ${name} page has no axe violations`, async ({ page, makeService, makeIncident, unique, snapshot }) => {
          test.setTimeout(60_000);
          const id = makeIncident({
            name: unique("Axe incident"),
            componentIds: [makeService(unique("Axe Service"))],
            updates: [
              { status: "investigating", body: "Looking into **slow logins**. See [the docs](https://example.org).", set: "degraded_performance" },
              { status: "identified", body: "- cause found\n- fix rolling out" },
            ],
          });
          await page.goto({ home: "/", incident: `/incidents/${id}`, history: "/history" }[name]);
          // Open every group so the services and their uptime bars are checked too.
          await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
          const results = await new AxeBuilder({ page }).analyze();
          expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
          await snapshot(page, `public-${name}-${width}-${scheme}`);
        });
      }
    });
  }
}
