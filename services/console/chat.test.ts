// The console's chat channels: admins only, URLs masked in the list and the audit log, re-enable and remove.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, subscribers } from "@/db/schema";
import { disableWebhook } from "@/db/writes/webhooks";
import { addMember, emptyPage, T0 } from "@/services/testing/scenario";
import { startWebhookReceiver, type WebhookReceiver } from "@/services/testing/webhook-receiver";
import { addChatChannel, chatChannelsForConsole, enableChatChannel, removeChatChannel } from "./chat";

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());

describe("console chat channels", () => {
  it("editors may not add one; an admin adds, sees it masked, re-enables and removes it, all audited", async () => {
    const { db, pageId } = emptyPage();
    const editor = addMember(db, "editor");
    const admin = addMember(db, "admin");
    const url = receiver.url("/services/T1/B2/secret-part");
    const options = { allowLoopback: true, now: T0 };
    expect(await addChatChannel(db, editor, { platform: "slack", url }, options)).toEqual({
      ok: false,
      message: "Only admins and owners can manage chat channels.",
    });
    expect(() => chatChannelsForConsole(db, editor, pageId)).toThrow();
    const added = await addChatChannel(db, admin, { platform: "slack", url }, options);
    expect(added).toMatchObject({ status: "created", platform: "slack" });
    const id = (added as { id: string }).id;

    const [row] = chatChannelsForConsole(db, admin, pageId);
    expect(row.shownUrl).toMatch(/^127\.0\.0\.1:\d+\/services\/…$/);
    expect(JSON.stringify(row)).not.toContain("secret-part");

    expect(enableChatChannel(db, admin, id, T0 + 1)).toMatchObject({
      ok: false,
      message: "This chat channel is not disabled.",
    });
    disableWebhook(db, id, T0 + 2);
    expect(enableChatChannel(db, admin, id, T0 + 3)).toMatchObject({ ok: true });
    expect(db.select().from(subscribers).where(eq(subscribers.id, id)).get()!.webhookDisabledAt).toBeNull();
    expect(removeChatChannel(db, admin, id, T0 + 4)).toMatchObject({ ok: true });
    expect(removeChatChannel(db, admin, id, T0 + 5)).toMatchObject({ ok: false });

    const audited = db.select().from(auditLog).all();
    expect(audited.map((a) => a.action)).toEqual(["chat.create", "chat.enable", "chat.delete"]);
    expect(JSON.stringify(audited)).not.toContain("secret-part");
  });
});
