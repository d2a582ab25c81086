import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb } from "@/db";
import { getSubscriber } from "@/db/queries/subscribers";
import { subscribers } from "@/db/schema";
import { newId } from "@/core/ids";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import type { World } from "@/services/testing/notification-fixtures";
import { handleTwilioInbound } from "./inbound";
import { twilioSignature } from "./twilio";

let world: World;
let id: string;
const TOKEN = "0123456789abcdef0123456789abcdef";
const URL = "https://status.example.org/api/sms/twilio";
beforeEach(() => {
  world = useFreshAppDatabase();
  id = newId();
  world.db
    .insert(subscribers)
    .values({
      id,
      pageId: world.pageId,
      kind: "sms",
      phone: "+491701234567",
      state: "active",
      createdAt: 1,
      updatedAt: 1,
    })
    .run();
});
afterAll(() => closeDb());

const stop = { From: "+491701234567", To: "+15005550006", Body: " stop ", MessageSid: "SM1", AccountSid: "AC1" };

describe("Twilio's inbound webhook", () => {
  it("a signed STOP unsubscribes the number", () => {
    const result = handleTwilioInbound(world.db, TOKEN, URL, twilioSignature(TOKEN, URL, stop), stop);
    expect(result).toEqual({ status: 200, unsubscribed: 1 });
    expect(getSubscriber(world.db, id)!.state).toBe("unsubscribed");
  });

  it("a forged signature, a missing one, or a signed body changed afterwards: 403, nothing changed", () => {
    const forged = twilioSignature("another-token-entirely-0000000000", URL, stop);
    expect(handleTwilioInbound(world.db, TOKEN, URL, forged, stop).status).toBe(403);
    expect(handleTwilioInbound(world.db, TOKEN, URL, null, stop).status).toBe(403);
    const signedHello = twilioSignature(TOKEN, URL, { ...stop, Body: "hello" });
    expect(handleTwilioInbound(world.db, TOKEN, URL, signedHello, stop).status).toBe(403);
    expect(getSubscriber(world.db, id)!.state).toBe("active");
  });

  it("any other reply changes nothing", () => {
    const hello = { ...stop, Body: "please stop sending at night" };
    expect(handleTwilioInbound(world.db, TOKEN, URL, twilioSignature(TOKEN, URL, hello), hello)).toEqual({
      status: 200,
      unsubscribed: 0,
    });
    expect(getSubscriber(world.db, id)!.state).toBe("active");
  });
});
