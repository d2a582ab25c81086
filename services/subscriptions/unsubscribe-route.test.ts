import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/unsubscribe/[token]/route";
import { closeDb } from "@/db";
import { getSubscriber } from "@/db/queries/subscribers";
import { ensureAppSecret } from "@/db/writes/page";
import { insertEmailSubscriber } from "@/db/writes/subscribers";
import { signSubscriberToken } from "@/services/notifications/tokens";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import type { World } from "@/services/testing/notification-fixtures";

let world: World;
let subscriberId: string;
let token: string;
beforeEach(() => {
  world = useFreshAppDatabase();
  subscriberId = insertEmailSubscriber(world.db, {
    pageId: world.pageId,
    email: "reader@example.com",
    at: 1,
    state: "active",
  });
  token = signSubscriberToken(ensureAppSecret(world.db, 1), "unsubscribe", subscriberId, 1);
});
afterAll(() => closeDb());

const call = (handler: typeof GET, t: string, init?: RequestInit) =>
  handler(new Request(`http://127.0.0.1:3999/unsubscribe/${t}`, init), { params: Promise.resolve({ token: t }) });
const oneClick = {
  method: "POST",
  body: "List-Unsubscribe=One-Click",
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
};

describe("/unsubscribe/<token>", () => {
  it("GET shows a page with a button and changes nothing", async () => {
    const res = await call(GET, token);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain("reader@example.com");
    expect(body).toContain('<button type="submit">Unsubscribe</button>');
    expect(getSubscriber(world.db, subscriberId)!.state).toBe("active");
  });

  it("a one-click POST unsubscribes at once and answers 200 with an empty body, again the same", async () => {
    for (let i = 0; i < 2; i++) {
      const res = await call(POST, token, oneClick);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe("");
      expect(res.headers.get("location")).toBeNull();
    }
    expect(getSubscriber(world.db, subscriberId)).toMatchObject({
      state: "unsubscribed",
      unsubscribedAt: expect.any(Number),
    });
  });

  it("the page's button unsubscribes and says so", async () => {
    const res = await call(POST, token, { method: "POST", body: new URLSearchParams({ source: "page" }) });
    expect(await res.text()).toContain("You are unsubscribed");
    expect(getSubscriber(world.db, subscriberId)!.state).toBe("unsubscribed");
  });

  it("rejects tampered, unknown, huge and manage tokens without changing anything", async () => {
    const manage = signSubscriberToken(ensureAppSecret(world.db, 1), "manage", subscriberId, 1);
    for (const bad of [token.slice(0, -2) + "zz", "abcdefghijkl." + "a".repeat(32), "x".repeat(5000), manage]) {
      expect((await call(POST, bad, oneClick)).status).toBe(404);
      expect((await call(GET, bad)).status).toBe(404);
    }
    expect(getSubscriber(world.db, subscriberId)!.state).toBe("active");
  });
});
