import { eq } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/unsubscribe/[token]/route";
import { closeDb } from "@/db";
import { subscriberComponents, subscribers } from "@/db/schema";
import { ensureAppSecret } from "@/db/writes/page";
import { signSubscriberToken } from "@/services/notifications/tokens";
import { subscriberForToken } from "@/services/subscriptions/access";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import type { World } from "@/services/testing/notification-fixtures";
import { registerWebhook, requestWebhookSubscription, WEBHOOK_LIMITS } from "./register";
import type { Resolver } from "./url-guard";

let world: World;
beforeEach(() => {
  world = useFreshAppDatabase();
});
afterAll(() => closeDb());

const publicResolver: Resolver = async () => [{ address: "93.184.216.34", family: 4 }];
const privateResolver: Resolver = async () => [{ address: "10.1.2.3", family: 4 }];
const webhooks = () => world.db.select().from(subscribers).where(eq(subscribers.kind, "webhook")).all();

describe("public webhook registration", () => {
  it("creates a webhook pending verification, with its own secret and scope, and queues its ping", async () => {
    const r = await requestWebhookSubscription(
      world.db,
      { url: "https://hooks.example.com/a", email: "Ops@Example.com", scope: "some", componentIds: [world.vpn] },
      "203.0.113.1",
      { resolver: publicResolver },
    );
    expect(r).toMatchObject({
      status: "created",
      url: "https://hooks.example.com/a",
      secret: expect.stringMatching(/^whsec_/),
    });
    const [row] = webhooks();
    expect(row).toMatchObject({
      state: "pending",
      confirmedAt: null,
      origin: "public",
      email: "ops@example.com",
      allComponents: false,
      webhookSecret: r.status === "created" ? r.secret : "",
    });
    expect(
      world.db
        .select()
        .from(subscriberComponents)
        .where(eq(subscriberComponents.subscriberId, row.id))
        .all()
        .map((s) => s.componentId),
    ).toEqual([world.vpn]);
  });

  it("refuses private targets (via DNS too), bad URLs and a second registration of the same URL, per field", async () => {
    // One address per attempt: the per-address limit (3 an hour) is tested below.
    let n = 0;
    const next = () => `203.0.113.${20 + n++}`;
    expect(
      await requestWebhookSubscription(world.db, { url: "https://internal.example.com/a" }, next(), {
        resolver: privateResolver,
      }),
    ).toMatchObject({ status: "invalid", errors: { url: [expect.stringContaining("private")] } });
    expect(
      await requestWebhookSubscription(world.db, { url: "gopher://x" }, next(), { resolver: publicResolver }),
    ).toMatchObject({ status: "invalid", errors: { url: [expect.stringContaining("Only http")] } });
    const first = await requestWebhookSubscription(world.db, { url: "https://hooks.example.com/a" }, next(), {
      resolver: publicResolver,
    });
    expect(first).toMatchObject({ status: "created" });
    // Still pending (the ping is not answered yet), it may be registered afresh from the public form; once
    // active, never: no second secret for someone else's URL.
    expect(
      await requestWebhookSubscription(world.db, { url: "https://hooks.example.com/a" }, next(), {
        resolver: publicResolver,
      }),
    ).toMatchObject({ status: "created" });
    world.db
      .update(subscribers)
      .set({ state: "active" })
      .where(eq(subscribers.webhookUrl, "https://hooks.example.com/a"))
      .run();
    expect(
      await requestWebhookSubscription(world.db, { url: "https://hooks.example.com/a" }, next(), {
        resolver: publicResolver,
      }),
    ).toMatchObject({ status: "invalid", errors: { url: [expect.stringContaining("already registered")] } });
    expect(webhooks()).toHaveLength(1);
  });

  it("is limited per IP, and a bot that fills the honeypot gets a success that stores nothing", async () => {
    expect(
      await requestWebhookSubscription(
        world.db,
        { url: "https://hooks.example.com/bot", website: "spam" },
        "203.0.113.3",
        { resolver: publicResolver },
      ),
    ).toMatchObject({ status: "created" });
    expect(webhooks()).toHaveLength(0);
    for (let i = 0; i < WEBHOOK_LIMITS.perIpPerHour; i++) {
      expect(
        await requestWebhookSubscription(world.db, { url: `https://hooks.example.com/${i}` }, "203.0.113.4", {
          resolver: publicResolver,
        }),
      ).toMatchObject({ status: "created" });
    }
    expect(
      await requestWebhookSubscription(world.db, { url: "https://hooks.example.com/more" }, "203.0.113.4", {
        resolver: publicResolver,
      }),
    ).toEqual({ status: "too-many" });
    expect(
      await requestWebhookSubscription(world.db, { url: "https://hooks.example.com/other-ip" }, "203.0.113.5", {
        resolver: publicResolver,
      }),
    ).toMatchObject({ status: "created" });
  });

  it("unsubscribes through meta.unsubscribe; the URL can then be registered again with a new secret", async () => {
    const first = await registerWebhook(
      world.db,
      { url: "https://hooks.example.com/u" },
      { origin: "console", resolver: publicResolver },
    );
    if (first.status !== "created") throw new Error("not created");
    const secret = ensureAppSecret(world.db, Date.now());
    expect(subscriberForToken(world.db, "manage", signSubscriberToken(secret, "manage", first.id, 1))).toBeNull();
    const token = signSubscriberToken(secret, "unsubscribe", first.id, 1);
    const call = (handler: typeof GET, init?: RequestInit) =>
      handler(new Request(`http://127.0.0.1:3999/unsubscribe/${token}`, init), { params: Promise.resolve({ token }) });
    expect(await (await call(GET)).text()).toContain("https://hooks.example.com/u");
    expect(
      (
        await call(POST, {
          method: "POST",
          body: "List-Unsubscribe=One-Click",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        })
      ).status,
    ).toBe(200);
    expect(webhooks()[0].state).toBe("unsubscribed");
    const again = await registerWebhook(
      world.db,
      { url: "https://hooks.example.com/u" },
      { origin: "public", resolver: publicResolver },
    );
    expect(again).toMatchObject({ status: "created" });
    expect(again.status === "created" && again.secret).not.toBe(first.secret);
    expect(webhooks()).toHaveLength(1);
  });
});
