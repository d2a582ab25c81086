import { eq } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/resend/route";
import { closeDb } from "@/db";
import { getSubscriber } from "@/db/queries/subscribers";
import { emailMessages, inboundWebhookEvents } from "@/db/schema";
import { insertEmailSubscriber } from "@/db/writes/subscribers";
import { signWebhook } from "@/services/testing/sign-resend-webhook";
import { newId } from "@/core/ids";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import type { World } from "@/services/testing/notification-fixtures";

const SECRET = "whsec_" + Buffer.from("webhook-test-secret-0123456789abcdef").toString("base64");
let world: World;
let subscriberId: string;
beforeEach(() => {
  world = useFreshAppDatabase({ RESEND_WEBHOOK_SECRET: SECRET });
  subscriberId = insertEmailSubscriber(world.db, {
    pageId: world.pageId,
    email: "reader@example.com",
    at: 1,
    state: "active",
  });
  world.db
    .insert(emailMessages)
    .values({
      id: newId(),
      subscriberId,
      toAddress: "reader@example.com",
      fromAddress: "s@example.org",
      subject: "s",
      html: "h",
      text: "t",
      headers: {},
      state: "sent",
      providerId: "prov-1",
      createdAt: 1,
      updatedAt: 1,
    })
    .run();
});
afterAll(() => closeDb());

function request(
  event: unknown,
  opts: { id?: string; at?: number; secret?: string; tamper?: boolean; raw?: string } = {},
) {
  const body = opts.raw ?? JSON.stringify(event);
  const ts = Math.floor((opts.at ?? Date.now()) / 1000);
  const id = opts.id ?? `msg_${newId()}`;
  const signature = signWebhook(opts.secret ?? SECRET, id, ts, body);
  return new Request("http://127.0.0.1:3999/api/webhooks/resend", {
    method: "POST",
    headers: {
      "svix-id": id,
      "svix-timestamp": String(ts),
      "svix-signature": signature,
      "content-type": "application/json",
    },
    body: opts.tamper ? body.replace("prov-1", "prov-2") : body,
  });
}
const message = () => world.db.select().from(emailMessages).where(eq(emailMessages.providerId, "prov-1")).get()!;
const bounce = (type: string) => ({
  type: "email.bounced",
  created_at: "2026-11-23T16:00:00Z",
  data: { email_id: "prov-1", to: ["reader@example.com"], bounce: { type } },
});

describe("/api/webhooks/resend", () => {
  it("records delivery, and suppresses the address on a permanent bounce", async () => {
    expect((await POST(request({ type: "email.delivered", data: { email_id: "prov-1" } }))).status).toBe(200);
    expect(message().state).toBe("delivered");
    await POST(request(bounce("Permanent")));
    expect(message().state).toBe("bounced");
    expect(getSubscriber(world.db, subscriberId)).toMatchObject({ state: "suppressed", suppressionReason: "bounce" });
  });

  it("does not suppress on a transient bounce, and does on a complaint", async () => {
    await POST(request(bounce("Transient")));
    expect(getSubscriber(world.db, subscriberId)!.state).toBe("active");
    await POST(request({ type: "email.complained", data: { email_id: "prov-1" } }));
    expect(getSubscriber(world.db, subscriberId)).toMatchObject({
      state: "suppressed",
      suppressionReason: "complaint",
    });
  });

  it("processes a redelivered event (same svix-id) once", async () => {
    const first = await POST(request({ type: "email.delivered", data: { email_id: "prov-1" } }, { id: "msg_same" }));
    expect(await first.json()).toEqual({ ok: true, duplicate: false });
    world.db.update(emailMessages).set({ state: "sent" }).run();
    const again = await POST(request({ type: "email.delivered", data: { email_id: "prov-1" } }, { id: "msg_same" }));
    expect(await again.json()).toEqual({ ok: true, duplicate: true });
    expect(message().state).toBe("sent");
  });

  it("rejects tampered bodies, wrong secrets and old timestamps with 401 and changes nothing", async () => {
    const event = bounce("Permanent");
    const other = "whsec_" + Buffer.from("another-secret").toString("base64");
    for (const req of [
      request(event, { tamper: true }),
      request(event, { secret: other }),
      request(event, { at: Date.now() - 10 * 60_000 }),
    ]) {
      expect((await POST(req)).status).toBe(401);
    }
    const unsigned = new Request("http://127.0.0.1:3999/api/webhooks/resend", {
      method: "POST",
      body: JSON.stringify(event),
    });
    expect((await POST(unsigned)).status).toBe(401);
    expect(getSubscriber(world.db, subscriberId)!.state).toBe("active");
    expect(world.db.select().from(inboundWebhookEvents).all()).toHaveLength(0);
  });

  it("refuses huge and malformed bodies", async () => {
    const huge = request({ type: "email.delivered", data: { email_id: "x".repeat(300_000) } });
    expect((await POST(huge)).status).toBe(413);
    expect((await POST(request({ nonsense: true }))).status).toBe(400);
    const notJson = await POST(request(null, { raw: "{not json" }));
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: "Invalid JSON" });
  });
});
