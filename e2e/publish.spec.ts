// The end-to-end proof of static publishing: `npm run admin -- publish` renders the site through the
// running app into a folder; Debian's nginx serves that folder (deploy/nginx-static.conf) with no upstream;
// Chromium loads the copy while every request to the app is refused, and finds the banner, the open
// incident, the API JSON (summary.json parses) and when the copy was published.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./public-fixtures";
import { freePort, NGINX, startNginx } from "./static-copy";

const APP = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;
let NGINX_PORT = 0;
let COPY = "";

function publish(folder: string) {
  return spawnSync(process.execPath, ["scripts/run.mjs", "admin", "publish", "--from", APP], {
    env: {
      ...process.env,
      DATABASE_PATH: process.env.E2E_DATABASE_PATH,
      PUBLIC_URL: APP,
      PUBLISH_FOLDER: folder,
      PUBLISH_BASE_URL: COPY,
    },
    encoding: "utf8",
    timeout: 120_000,
  });
}

test.describe("the published copy", () => {
  // npm test installs nginx (scripts/ensure-test-tools.sh); without it this fails with the reason, never skips.
  test.beforeAll(async () => {
    if (!fs.existsSync(NGINX)) throw new Error("e2e/publish.spec.ts needs Debian's nginx: apt-get install -y nginx");
    NGINX_PORT = await freePort();
    COPY = `http://127.0.0.1:${NGINX_PORT}`;
  });

  test("works from nginx alone: banner, open incident, API JSON and when it was published", async ({
    page,
    makeIncident,
    makeService,
    unique,
    snapshot,
  }) => {
    test.setTimeout(180_000);
    const service = unique("Published service");
    const name = unique("Published outage");
    const id = makeIncident({
      name,
      componentIds: [makeService(service)],
      updates: [{ status: "investigating", body: "We are looking into it.", set: "major_outage" }],
    });
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "publish-e2e-"));
    fs.chmodSync(work, 0o755); // nginx's workers run as another user
    const folder = path.join(work, "site");
    const result = publish(folder);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^folder: published \(\d+ uploaded/m);

    const nginx = await startNginx(folder, work, NGINX_PORT);
    try {
      // The app is out of the picture: any request the copy makes to it fails.
      const toApp: string[] = [];
      await page.route(`${APP}/**`, (route) => {
        toApp.push(route.request().url());
        return route.abort();
      });

      await page.goto(`${COPY}/`);
      await expect(page.getByRole("heading", { level: 2, name: /outage/i }).first()).toBeVisible();
      const active = page.getByRole("region", { name: "Active incidents" });
      await expect(active.getByRole("link", { name })).toBeVisible();
      const published = page.locator("[data-published-at]");
      await expect(published).toContainText(/Published at \w{3} \d{1,2}, \d{4}, \d{1,2}:\d\d [AP]M UTC/);
      await expect(published.getByRole("link", { name: APP })).toHaveAttribute("href", APP);

      await active.getByRole("link", { name }).click();
      await expect(page).toHaveURL(`${COPY}/incidents/${id}.html`);
      await expect(page.getByText("We are looking into it.")).toBeVisible();
      // The app's own path works on the copy too.
      await page.goto(`${COPY}/incidents/${id}`);
      await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

      const summary = await page.request.get(`${COPY}/api/v2/summary.json`);
      expect(summary.headers()["content-type"]).toContain("application/json");
      const json = await summary.json();
      const incident = json.incidents.find((i: { id: string }) => i.id === id);
      expect(incident.name).toBe(name);
      expect(incident.shortlink).toBe(`${COPY}/incidents/${id}.html`);
      expect(json.components.some((c: { name: string }) => c.name === service)).toBe(true);

      const missing = await page.request.get(`${COPY}/incidents/nothing-here`);
      expect(missing.status()).toBe(404);
      expect(toApp).toEqual([]);

      await page.goto(`${COPY}/`);
      await page.emulateMedia({ colorScheme: "dark" });
      await snapshot(page, "published-copy-desktop-dark");
      await page.setViewportSize({ width: 375, height: 800 });
      await snapshot(page, "published-copy-375-dark");
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    } finally {
      nginx.kill("SIGTERM");
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
