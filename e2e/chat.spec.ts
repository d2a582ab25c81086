// Chat channels end to end: a Slack channel (a receiver on 127.0.0.1, let through by WEBHOOKS_ALLOW_LOOPBACK)
// connected from the public subscribe page with JavaScript off, then a real incident reaches it as Block Kit.
import AxeBuilder from "@axe-core/playwright";
import { eq } from "drizzle-orm";
import { incidents, subscribers } from "@/db/schema";
import { insertChatSubscriber } from "@/db/writes/chat";
import { disableWebhook } from "@/db/writes/webhooks";
import { SYSTEM } from "@/core/actor";
import { newId } from "@/core/ids";
import { createIncident } from "@/services/incidents/incident-verbs";
import { startWebhookReceiver, type ReceivedRequest, type WebhookReceiver } from "@/services/testing/webhook-receiver";
import { expect, test } from "./public-fixtures";

const SLOW = { timeout: 30_000 };

let receiver: WebhookReceiver;
test.beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
test.afterAll(() => receiver.close());

async function received(path: string, match: (body: Record<string, any>) => boolean): Promise<ReceivedRequest> {
  let found: ReceivedRequest | undefined;
  await expect(() => {
    found = receiver.requests.find((r) => r.path === path && match(JSON.parse(r.body)));
    expect(found, `a matching POST to ${path}`).toBeTruthy();
  }).toPass(SLOW);
  return found!;
}

test.describe("a Slack channel from the public page, JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("a URL of another platform is refused; the Slack URL is verified, then gets the incident", async ({
    page,
    db,
    makeService,
    unique,
  }) => {
    test.setTimeout(120_000);
    const service = unique("Printers");
    const serviceId = makeService(service);
    const path = `/slack-${Date.now().toString(36)}`;
    const url = receiver.url(path);

    await page.goto("/subscribe?via=chat");
    await expect(page.getByRole("heading", { level: 1, name: /updates in a chat channel/ })).toBeVisible();
    await page.getByRole("radio", { name: "Slack", exact: true }).check();
    await page.getByLabel("Webhook URL", { exact: true }).fill("https://discord.com/api/webhooks/123/abc");
    await page.getByRole("button", { name: "Connect channel" }).click();
    await expect(page.getByText("This is a Discord URL")).toBeVisible(SLOW);
    await expect(page.getByLabel("Webhook URL", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Webhook URL", { exact: true })).toHaveValue(
      "https://discord.com/api/webhooks/123/abc",
    );

    await page.getByRole("radio", { name: "Slack", exact: true }).check();
    await page.getByLabel("Webhook URL", { exact: true }).fill(url);
    await page.getByRole("button", { name: "Connect channel" }).click();
    await expect(page.getByRole("status")).toContainText("Slack channel connected", SLOW);
    const verification = await received(path, (b) => /status updates/.test(JSON.stringify(b)));
    expect(verification.headers["content-type"]).toMatch(/^application\/json/);
    expect(db.select().from(subscribers).where(eq(subscribers.webhookUrl, url)).get()).toMatchObject({
      kind: "chat",
      chatPlatform: "slack",
      state: "active",
    });

    const name = unique("Printing fails");
    const { id } = createIncident(
      db,
      SYSTEM,
      { name, message: "Jobs are **stuck** in the queue.", componentStatuses: { [serviceId]: "partial_outage" } },
      Date.now(),
    );
    const message = await received(path, (b) => b.text === `[Investigating] ${name}`);
    const body = JSON.parse(message.body);
    const blocks = JSON.stringify(body.attachments[0].blocks);
    expect(body.attachments[0].color).toMatch(/^#[0-9a-f]{6}$/);
    expect(blocks).toContain("Jobs are *stuck* in the queue.");
    expect(blocks).toContain(service);
    expect(blocks).toContain(`/incidents/${id}`);
    expect(blocks).toMatch(/\/unsubscribe\/[^|]+\|Unsubscribe>/);
    db.delete(incidents).where(eq(incidents.id, id)).run();
    db.delete(subscribers).where(eq(subscribers.webhookUrl, url)).run();
  });
});

test.describe("the chat screens", () => {
  test.use({ signedInAs: "owner", colorScheme: "dark" });

  for (const [label, viewport] of [
    ["phone", { width: 375, height: 740 }],
    ["desktop", { width: 1280, height: 900 }],
  ] as const) {
    test(`the public chat form and the console page fit (${label}, dark) and pass axe`, async ({
      page,
      db,
      pageId,
      snapshot,
    }) => {
      await page.setViewportSize(viewport);
      // A channel whose webhook was deleted on the platform, as the console lists it.
      const id = newId();
      const url = receiver.url(`/services/T1/B2/secret-${label}`);
      insertChatSubscriber(db, {
        id,
        pageId,
        platform: "discord",
        url,
        email: null,
        componentIds: [],
        origin: "public",
        at: Date.now(),
      });
      disableWebhook(db, id, Date.now());
      for (const [path, shot] of [
        ["/subscribe?via=chat", `subscribe-chat-${label}-dark`],
        ["/admin/chat", `admin-chat-${label}-dark`],
      ]) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
          0,
        );
        if (path === "/admin/chat") {
          await expect(page.getByRole("listitem").filter({ hasText: "Discord" })).toContainText("Disabled");
          expect(await page.content()).not.toContain(`secret-${label}`);
        }
        await snapshot(page, shot);
        const results = await new AxeBuilder({ page }).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
          [],
        );
      }
      db.delete(subscribers).where(eq(subscribers.id, id)).run();
    });
  }
});
