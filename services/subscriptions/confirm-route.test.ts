import { eq } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/subscribe/confirm/[token]/route";
import { closeDb } from "@/db";
import { getPageRow, getSubscriber } from "@/db/queries/subscribers";
import { subscribers } from "@/db/schema";
import { ensureAppSecret } from "@/db/writes/page";
import { confirmationToken } from "@/services/notifications/tokens";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import type { World } from "@/services/testing/notification-fixtures";
import { startConfirmation } from "./subscribe";

let world: World;
let id: string;
let token: string;
beforeEach(() => {
  world = useFreshAppDatabase();
  const now = Date.now();
  id = world.db.transaction((tx) =>
    startConfirmation(tx, getPageRow(tx)!, null, { email: "reader@example.com", componentIds: [] }, now),
  );
  token = confirmationToken(ensureAppSecret(world.db, now), id, now);
});
afterAll(() => closeDb());

const call = (handler: typeof GET, t: string, init?: RequestInit) =>
  handler(new Request(`http://127.0.0.1:3999/subscribe/confirm/${t}`, init), { params: Promise.resolve({ token: t }) });

describe("/subscribe/confirm/<token>", () => {
  it("GET shows the address and a Confirm button, changes nothing, and leads back to the page", async () => {
    const res = await call(GET, token);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.text();
    expect(body).toContain("reader@example.com");
    expect(body).toContain(`<form method="post" action="/subscribe/confirm/${token}">`);
    expect(body).toMatch(/<main[^>]*>[\s\S]*<h1>/);
    expect(body).toContain('href="/"');
    expect(getSubscriber(world.db, id)!.state).toBe("pending");
  });

  it("POST confirms and sends the person to their manage page", async () => {
    const res = await call(POST, token, { method: "POST" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(new RegExp(`^/manage/${id}\\.[A-Za-z0-9_-]{32}\\?confirmed=1$`));
    expect(getSubscriber(world.db, id)!.state).toBe("active");
  });

  it("answers 410 for a used link and for an expired one", async () => {
    await call(POST, token, { method: "POST" });
    for (const handler of [GET, POST]) {
      const res = await call(handler, token, handler === POST ? { method: "POST" } : undefined);
      expect(res.status).toBe(410);
      expect(await res.text()).toContain("expired or was used");
    }
    world.db
      .update(subscribers)
      .set({ state: "pending", confirmationExpiresAt: Date.now() - 1 })
      .where(eq(subscribers.id, id))
      .run();
    expect((await call(GET, token)).status).toBe(410);
  });

  it("answers 404 for tampered, unknown and huge tokens, changing nothing", async () => {
    for (const bad of [token.slice(0, -2) + "zz", "abcdefghijkl.secret", "nosuchtoken", "x".repeat(5000)]) {
      expect((await call(GET, bad)).status).toBe(404);
      expect((await call(POST, bad, { method: "POST" })).status).toBe(404);
    }
    expect(getSubscriber(world.db, id)!.state).toBe("pending");
  });
});
