import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb } from "@/db";
import { getSubscriber, subscribedComponentIds } from "@/db/queries/subscribers";
import { ensureAppSecret } from "@/db/writes/page";
import { insertEmailSubscriber } from "@/db/writes/subscribers";
import { signSubscriberToken } from "@/services/notifications/tokens";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import type { World } from "@/services/testing/notification-fixtures";
import { pauseByToken, unsubscribeByManageToken, updatePreferences } from "./manage";

let world: World;
let id: string;
let token: string;
beforeEach(() => {
  world = useFreshAppDatabase();
  id = insertEmailSubscriber(world.db, { pageId: world.pageId, email: "reader@example.com", at: 1, state: "active" });
  token = signSubscriberToken(ensureAppSecret(world.db, 1), "manage", id, 1);
});
afterAll(() => closeDb());

describe("manage link", () => {
  it("changes services, pauses, resumes and unsubscribes", () => {
    expect(updatePreferences(world.db, token, { scope: "some", componentIds: [world.vpn, world.vpn] })).toEqual({
      ok: true,
    });
    expect(subscribedComponentIds(world.db, id)).toEqual([world.vpn]);
    expect(getSubscriber(world.db, id)!.allComponents).toBe(false);
    expect(updatePreferences(world.db, token, { scope: "all", componentIds: [] })).toEqual({ ok: true });
    expect(getSubscriber(world.db, id)!.allComponents).toBe(true);
    pauseByToken(world.db, token, true, 5);
    expect(getSubscriber(world.db, id)!.pausedAt).toBe(5);
    pauseByToken(world.db, token, false, 6);
    expect(getSubscriber(world.db, id)!.pausedAt).toBeNull();
    expect(unsubscribeByManageToken(world.db, token, 7)).toEqual({ ok: true });
    expect(getSubscriber(world.db, id)!.state).toBe("unsubscribed");
    expect(pauseByToken(world.db, token, true)).toMatchObject({ ok: false });
  });

  it("refuses bad tokens and bad choices, changing nothing", () => {
    const unsubscribeToken = signSubscriberToken(ensureAppSecret(world.db, 1), "unsubscribe", id, 1);
    for (const bad of [
      unsubscribeToken,
      token.slice(0, -1) + (token.endsWith("Q") ? "R" : "Q"),
      "x".repeat(100_000),
      "",
    ]) {
      expect(updatePreferences(world.db, bad, { scope: "some", componentIds: [world.vpn] })).toMatchObject({
        ok: false,
      });
      expect(unsubscribeByManageToken(world.db, bad)).toMatchObject({ ok: false });
    }
    expect(updatePreferences(world.db, token, { scope: "some", componentIds: [] })).toMatchObject({ ok: false });
    expect(updatePreferences(world.db, token, { scope: "some", componentIds: ["'; drop table x"] })).toMatchObject({
      ok: false,
    });
    expect(getSubscriber(world.db, id)).toMatchObject({ state: "active", allComponents: true });
  });
});
