// Webhook subscribers end to end: registered in the console and on the public subscribe page, then real
// status changes and incidents reach a receiver on 127.0.0.1 (the server runs with WEBHOOKS_ALLOW_LOOPBACK).
import AxeBuilder from "@axe-core/playwright";
import { eq } from "drizzle-orm";
import { subscribers } from "@/db/schema";
import { setComponentStatus } from "@/db/writes/components";
import { disableWebhook, insertWebhookSubscriber } from "@/db/writes/webhooks";
import { componentUpdatePayloadSchema, incidentPayloadSchema } from "@/services/api/schemas";
import { startWebhookReceiver, type ReceivedRequest, type WebhookReceiver } from "@/services/testing/webhook-receiver";
import { verifySignature } from "@/services/webhooks/signature";
import { formStatus } from "./fixtures";
import { expect, test } from "./public-fixtures";

const SLOW = { timeout: 30_000 };

let receiver: WebhookReceiver;
test.beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
test.afterAll(() => receiver.close());

/** Waits for a request to `path` whose JSON passes `match`. */
async function received(path: string, match: (body: Record<string, any>) => boolean): Promise<ReceivedRequest> {
  let found: ReceivedRequest | undefined;
  await expect(() => {
    found = receiver.requests.find((r) => r.path === path && match(JSON.parse(r.body)));
    expect(found, `a matching POST to ${path}`).toBeTruthy();
  }).toPass(SLOW);
  return found!;
}

function expectSigned(request: ReceivedRequest, secret: string) {
  expect(request.method).toBe("POST");
  expect(request.headers["content-type"]).toBe("application/json");
  expect(request.headers["user-agent"]).toMatch(/^StatusPage-Webhooks\//);
  expect(request.headers["x-statuspage-delivery"]).toMatch(/^[0-9a-z]{12}$/);
  expect(verifySignature(secret, request.body, String(request.headers["x-statuspage-signature"]))).toBe(true);
  expect(verifySignature(`${secret}x`, request.body, String(request.headers["x-statuspage-signature"]))).toBe(false);
}

test.describe("webhooks from the console", () => {
  test.use({ signedInAs: "owner" });

  test("add a webhook (secret shown once), then a status set by hand and a declared incident reach it signed", async ({
    page,
    db,
    pageId,
    makeService,
    unique,
    snapshot,
  }) => {
    test.setTimeout(120_000);
    const service = unique("Printers");
    const serviceId = makeService(service);
    const path = `/console-${Date.now().toString(36)}`;
    const url = receiver.url(path);

    await page.goto("/admin/webhooks");
    await page.getByLabel("Webhook URL").fill("http://10.0.0.7/hook");
    await page.getByRole("button", { name: "Add webhook" }).click();
    await expect(page.getByText("private, local or reserved network address")).toBeVisible(SLOW);
    await expect(page.getByLabel("Webhook URL")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Webhook URL")).toHaveValue("http://10.0.0.7/hook");

    await page.getByLabel("Webhook URL").fill(url);
    await page.getByLabel("Owner email (optional)").fill("hooks-owner@example.com");
    await page.getByRole("radio", { name: "Only the services chosen below" }).check();
    await page.getByRole("checkbox", { name: service }).check();
    await page.getByRole("button", { name: "Add webhook" }).click();
    await expect(formStatus(page)).toContainText(`Webhook added for ${url}`, SLOW);
    const secret = await page.getByLabel(/^Signing secret for/).inputValue();
    expect(secret).toMatch(/^whsec_/);
    const item = page.getByRole("listitem").filter({ hasText: url });
    await expect(item).toContainText(`Only: ${service}`);
    await expect(item).toContainText("Pending verification");
    // The worker pings the receiver, which answers 200: the webhook is active from then on.
    const ping = await received(path, (b) => typeof b.ping?.message === "string");
    expect(ping.headers["x-statuspage-event"]).toBe("ping");
    expectSigned(ping, secret);
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole("listitem").filter({ hasText: url })).toContainText("Active", { timeout: 1000 });
    }).toPass(SLOW);
    // Shown once: a fresh load of the page no longer has it.
    await page.reload();
    expect(await page.content()).not.toContain(secret);

    await page.goto("/admin/services");
    await page.getByLabel(`Status of ${service}`, { exact: true }).selectOption("Major outage");
    await page.getByRole("button", { name: `Set status of ${service}` }).click();
    await expect(page.getByRole("status").filter({ hasText: `${service} is now: Major outage.` })).toBeVisible();
    const statusChange = await received(
      path,
      (b) => b.component_update?.component_id === serviceId && b.component_update.new_status === "major_outage",
    );
    expectSigned(statusChange, secret);
    const parsed = componentUpdatePayloadSchema.parse(JSON.parse(statusChange.body));
    expect(parsed.component).toMatchObject({ id: serviceId, name: service, status: "major_outage" });
    expect(parsed.component_update.old_status).toBe("operational");

    const name = unique("Printing fails");
    await page.goto("/admin/incidents/new");
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Message").fill("Jobs are stuck in the queue.");
    await page.getByLabel(new RegExp(`^${service}`)).selectOption("partial_outage");
    await page.getByRole("button", { name: "Declare incident" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible(SLOW);
    const incident = await received(path, (b) => b.incident?.name === name);
    expectSigned(incident, secret);
    const body = incidentPayloadSchema.parse(JSON.parse(incident.body));
    expect(body.incident).toMatchObject({
      status: "investigating",
      components: [expect.objectContaining({ id: serviceId })],
    });
    expect(body.incident.incident_updates[0].body).toBe("Jobs are stuck in the queue.");
    await received(
      path,
      (b) => b.component_update?.component_id === serviceId && b.component_update.new_status === "partial_outage",
    );

    // A webhook that gave up after its retry budget, to re-enable.
    const brokenUrl = receiver.url(`${path}-broken`);
    const brokenId = insertWebhookSubscriber(db, {
      pageId,
      url: brokenUrl,
      secret: "whsec_e2e_broken",
      email: null,
      componentIds: [serviceId],
      origin: "console",
      at: Date.now(),
    });
    disableWebhook(db, brokenId, Date.now());

    await page.goto("/admin/webhooks");
    const broken = page.getByRole("listitem").filter({ hasText: brokenUrl });
    await expect(broken).toContainText("Disabled");
    await page.setViewportSize({ width: 375, height: 740 });
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await snapshot(page, "console-webhooks-list-phone-dark");
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.emulateMedia({ colorScheme: "light" });
    await broken.getByRole("button", { name: `Re-enable webhook ${brokenUrl}` }).click();
    await expect(broken.getByRole("status")).toHaveText(`Webhook ${brokenUrl} re-enabled.`, SLOW);
    await expect(broken).toContainText("Active");
    page.once("dialog", (dialog) => dialog.accept());
    await broken.getByRole("button", { name: `Remove webhook ${brokenUrl}` }).click();
    await expect(page.getByRole("status").filter({ hasText: "Webhook removed." })).toBeVisible(SLOW);

    const row = page.getByRole("listitem").filter({ hasText: url });
    await row.getByText(/^Recent deliveries \(\d+\)$/).click();
    await expect(row.getByRole("table")).toContainText("Component update");
    await expect(row.getByRole("cell", { name: "Delivered", exact: true }).first()).toBeVisible();
    await expect(row.getByRole("cell", { name: "200", exact: true }).first()).toBeVisible();
    await snapshot(page, "console-webhooks-1280");
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);

    page.once("dialog", (dialog) => dialog.accept());
    await row.getByRole("button", { name: `Remove webhook ${url}` }).click();
    await expect(page.getByRole("status").filter({ hasText: "Webhook removed." })).toBeVisible(SLOW);
    await expect(page.getByRole("listitem").filter({ hasText: url })).toHaveCount(0);
  });
});

test.describe("webhooks from the public subscribe page", () => {
  test.use({ javaScriptEnabled: false });

  test("register a webhook without JavaScript; a status change reaches it, signed with the secret shown", async ({
    page,
    db,
    makeService,
    unique,
    snapshot,
  }) => {
    const service = unique("Wiki");
    const serviceId = makeService(service);
    const path = `/public-${Date.now().toString(36)}`;
    const url = receiver.url(path);

    await page.goto("/subscribe");
    await page.getByRole("link", { name: "Webhook" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /updates by webhook$/ })).toBeVisible();
    await page.getByLabel("Webhook URL").fill("ftp://example.com/hook");
    await page.getByRole("button", { name: "Register webhook" }).click();
    await expect(page.getByText("Only http:// and https:// URLs can receive webhooks.")).toBeVisible(SLOW);
    await expect(page.getByLabel("Webhook URL")).toHaveValue("ftp://example.com/hook");

    await page.getByLabel("Webhook URL").fill(url);
    await page.getByRole("radio", { name: "Only the services I choose below" }).check();
    await page.getByRole("checkbox", { name: service }).check();
    await page.getByRole("button", { name: "Register webhook" }).click();
    await expect(page.getByRole("heading", { name: "Webhook registered: pending verification" })).toBeVisible(SLOW);
    const secret = await page.getByLabel(/Your signing secret/).inputValue();
    expect(secret).toMatch(/^whsec_/);
    await snapshot(page, "subscribe-webhook-registered");
    // Nothing but the ping until the receiver has answered it.
    expectSigned(await received(path, (b) => typeof b.ping?.message === "string"), secret);
    await expect(() =>
      expect(db.select().from(subscribers).where(eq(subscribers.webhookUrl, url)).get()?.state).toBe("active"),
    ).toPass(SLOW);

    setComponentStatus(db, serviceId, "degraded_performance", Date.now(), { source: "manual" });
    const request = await received(path, (b) => b.component_update?.component_id === serviceId);
    expectSigned(request, secret);
    expect(componentUpdatePayloadSchema.parse(JSON.parse(request.body)).component_update.new_status).toBe(
      "degraded_performance",
    );
    db.delete(subscribers).where(eq(subscribers.webhookUrl, url)).run();
  });
});

test.describe("the webhook screens on a phone in dark mode", () => {
  test.use({ signedInAs: "owner", viewport: { width: 375, height: 740 }, colorScheme: "dark" });

  test("the public webhook form fits and passes axe", async ({ page, snapshot }) => {
    await page.goto("/subscribe?via=webhook");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await snapshot(page, "subscribe-webhook-phone-dark");
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
});
