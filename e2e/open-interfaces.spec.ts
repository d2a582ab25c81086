import { readFile } from "node:fs/promises";
import { and, eq } from "drizzle-orm";
import { components, incidents, users } from "@/db/schema";
import { addIncidentUpdate, createIncident } from "@/services/incidents/incident-verbs";
import { expect, test } from "./fixtures";

const V2 = [
  "summary.json",
  "status.json",
  "components.json",
  "incidents.json",
  "incidents/unresolved.json",
  "scheduled-maintenances.json",
  "scheduled-maintenances/upcoming.json",
  "scheduled-maintenances/active.json",
];

test.describe("Statuspage API v2 over HTTP", () => {
  for (const endpoint of V2) {
    test(`${endpoint}: JSON, CORS, short public caching and a 304 for a known ETag`, async ({ request }) => {
      const response = await request.get(`/api/v2/${endpoint}`);
      expect(response.status()).toBe(200);
      const headers = response.headers();
      expect(headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(headers["access-control-allow-origin"]).toBe("*");
      expect(headers["cache-control"]).toMatch(/public.*s-maxage=\d+/);
      expect(headers["etag"]).toMatch(/^"[\w-]+"$/);
      const body = await response.json();
      expect(body.page).toMatchObject({ name: "Example IT Services", time_zone: "Etc/UTC" });
      const again = await request.get(`/api/v2/${endpoint}`, { headers: { "If-None-Match": headers["etag"] } });
      expect(again.status()).toBe(304);
      expect(await again.body()).toHaveLength(0);
    });
  }

  test("HEAD answers 2xx without a body, as exporters probe it", async ({ request }) => {
    const response = await request.head("/api/v2/components.json");
    expect(response.status()).toBe(200);
    expect(await response.body()).toHaveLength(0);
  });

  test("OPTIONS answers a CORS preflight", async ({ request }) => {
    const response = await request.fetch("/api/v2/summary.json", {
      method: "OPTIONS",
      headers: { Origin: "https://dashboard.example.net", "Access-Control-Request-Method": "GET" },
    });
    expect(response.status()).toBe(204);
    expect(response.headers()["access-control-allow-origin"]).toBe("*");
    expect(response.headers()["access-control-allow-methods"]).toContain("GET");
  });

  test("unknown paths answer a JSON 404, never the HTML shell", async ({ request }) => {
    for (const path of ["/api/v2/nope.json", "/api/v2/incidents/nope.json", "/api/v2"]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(404);
      expect(response.headers()["content-type"]).toContain("application/json");
      expect(await response.json()).toEqual({ error: expect.stringContaining("Not found") });
    }
  });
});

test.describe("feeds, calendar and badge over HTTP", () => {
  test("the history feeds, whole and per component", async ({ request, db }) => {
    const atom = await request.get("/history.atom");
    expect(atom.status()).toBe(200);
    expect(atom.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
    expect(await atom.text()).toContain("<title>Example IT Services Status - Incident History</title>");
    const rss = await request.get("/history.rss");
    expect(rss.headers()["content-type"]).toBe("application/rss+xml; charset=utf-8");
    expect(await rss.text()).toContain("<title>Webmail slow to load</title>");

    const webmail = db.select().from(components).where(eq(components.name, "Webmail")).get()!;
    const scoped = await request.get(`/history.atom?component=${webmail.id}`);
    const text = await scoped.text();
    expect(text).toContain("<title>Webmail slow to load</title>");
    expect(text).not.toContain("<title>Payroll run delayed</title>");
    for (const bad of ["nosuchthing0", "../../etc", ""]) {
      const response = await request.get(`/history.rss?component=${encodeURIComponent(bad)}`);
      expect(response.status(), bad).toBe(404);
      expect(await response.json()).toEqual({ error: "No such component" });
    }
  });

  test("the maintenance calendar and a single maintenance's .ics", async ({ request, db }) => {
    const all = await request.get("/maintenances.ics");
    expect(all.status()).toBe(200);
    expect(all.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(await all.text()).toContain("SUMMARY:VPN gateway firmware upgrade");
    const upcoming = db
      .select()
      .from(incidents)
      .where(and(eq(incidents.kind, "maintenance"), eq(incidents.status, "scheduled")))
      .get()!;
    const one = await request.get(`/maintenances/${upcoming.id}.ics`);
    expect(one.status()).toBe(200);
    expect(one.headers()["content-disposition"]).toBe(`attachment; filename="maintenance-${upcoming.id}.ics"`);
    expect(await one.text()).toContain(`UID:${upcoming.id}@127.0.0.1\r\n`);
    const incident = db.select().from(incidents).where(eq(incidents.kind, "incident")).get()!;
    for (const bad of [`${incident.id}.ics`, "nosuchthing0.ics", upcoming.id, "x.ics"]) {
      expect((await request.get(`/maintenances/${bad}`)).status(), bad).toBe(404);
    }
  });

  test("a maintenance page offers its .ics as a download; an incident page does not", async ({ page, db }) => {
    const upcoming = db
      .select()
      .from(incidents)
      .where(and(eq(incidents.kind, "maintenance"), eq(incidents.status, "scheduled")))
      .get()!;
    await page.goto(`/incidents/${upcoming.id}`);
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Add to calendar (.ics)" }).click();
    const file = await downloading;
    expect(file.suggestedFilename()).toBe(`maintenance-${upcoming.id}.ics`);
    expect(await readFile(await file.path(), "utf8")).toContain(`UID:${upcoming.id}@`);
    const incident = db.select().from(incidents).where(eq(incidents.kind, "incident")).get()!;
    await page.goto(`/incidents/${incident.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "Add to calendar (.ics)" })).toHaveCount(0);
  });

  test("the status badge, overall and per component", async ({ request, db }) => {
    const overall = await request.get("/badge.svg");
    expect(overall.status()).toBe(200);
    expect(overall.headers()["content-type"]).toBe("image/svg+xml; charset=utf-8");
    expect(await overall.text()).toContain("<title>status: All Systems Operational</title>");
    const vpn = db.select().from(components).where(eq(components.name, "VPN")).get()!;
    expect(await (await request.get(`/badge.svg?component=${vpn.id}`)).text()).toContain(
      "<title>VPN: operational</title>",
    );
    const unknown = await request.get("/badge.svg?component=nosuchthing0");
    expect(unknown.status()).toBe(404);
    expect(await unknown.text()).toContain("unknown component");
  });
});

test.describe("embedding the status on another site", () => {
  // In the tests both sites live on loopback, which Chromium guards behind a permission a real visitor of a
  // public status page never needs.
  test.use({ permissions: ["local-network-access"] });
  test("the script shows a dismissible banner only while an incident is open", async ({
    page,
    db,
    unique,
    baseURL,
    snapshot,
  }) => {
    // Another origin on this machine (localhost vs 127.0.0.1): the browser treats it as a different site,
    // and it stays on loopback, where Chromium's private-network rules allow the calls.
    const customer = `${baseURL!.replace("127.0.0.1", "localhost")}/__customer-site`;
    await page.route(customer, (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><html lang="en"><head><title>Customer</title></head><body><h1>Customer site</h1><script src="${baseURL}/embed.js" async></script></body></html>`,
      }),
    );
    const summaryLoaded = () =>
      page.waitForResponse((r) => r.url().endsWith("/api/v2/summary.json") && r.status() === 200);

    let loaded = summaryLoaded();
    await page.goto(customer);
    await loaded;
    await expect(page.getByRole("status")).toHaveCount(0);

    const name = unique("Printing unavailable");
    const owner = db.select().from(users).get()!;
    const actor = { type: "user" as const, userId: owner.id, label: owner.email, role: owner.role };
    const { id } = createIncident(db, actor, { name, message: "Printers on floor 3 are offline." });
    try {
      loaded = summaryLoaded();
      await page.reload();
      await loaded;
      const banner = page.getByRole("status");
      await expect(banner).toContainText(name);
      await expect(banner).toContainText("Printers on floor 3 are offline.");
      await expect(banner.getByRole("link", { name: "View status" })).toHaveAttribute(
        "href",
        new RegExp(`/incidents/${id}$`),
      );
      await snapshot(page, "embed-banner");
      await page.getByRole("button", { name: "Dismiss status message" }).click();
      await expect(banner).toHaveCount(0);
      loaded = summaryLoaded();
      await page.reload();
      await loaded;
      await expect(page.getByRole("status")).toHaveCount(0);
    } finally {
      addIncidentUpdate(db, actor, id, { status: "resolved", message: "Back." });
    }
  });

  test("the iframe widget shows the overall status with a link to the page", async ({ page, baseURL }) => {
    await page.goto("/embed/widget");
    const card = page.getByRole("link", { name: /All Systems Operational/ });
    await expect(card).toHaveAttribute("href", baseURL!);
  });

  test("the /api page documents the endpoints with working links", async ({ page, snapshot }) => {
    await page.goto("/api");
    await expect(page.getByRole("heading", { level: 1, name: "API, feeds and embeds" })).toBeVisible();
    await page.getByRole("link", { name: "GET /api/v2/status.json" }).click();
    await expect(page.locator("body")).toContainText('"indicator":"none"');
    await page.goBack();
    await snapshot(page, "api-docs-desktop-light");
  });
});

test.describe("the management API over HTTP", () => {
  test("publishes its OpenAPI document and answers unknown paths and missing keys in its error shape", async ({
    request,
  }) => {
    const doc = await request.get("/api/v1/openapi.json");
    expect(doc.status()).toBe(200);
    expect((await doc.json()).paths["/api/v1/incidents"].post.operationId).toBe("createIncident");
    const unknown = await request.get("/api/v1/nothing/here");
    expect(unknown.status()).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: "not_found", message: expect.any(String) } });
    const anonymous = await request.post("/api/v1/incidents", { data: { name: "x", message: "y" } });
    expect(anonymous.status()).toBe(401);
  });
});
