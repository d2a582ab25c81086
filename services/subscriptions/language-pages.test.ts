// The confirm and unsubscribe pages speak the subscriber's language (the one they signed up in), with
// lang and dir on <html>; an address that is not a subscriber's, or a made-up link, gets the default.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { GET as confirmGet } from "@/app/subscribe/confirm/[token]/route";
import { GET as unsubscribeGet, POST as unsubscribePost } from "@/app/unsubscribe/[token]/route";
import { closeDb } from "@/db";
import { getEmailSubscriberByAddress } from "@/db/queries/subscribers";
import { ensureAppSecret } from "@/db/writes/page";
import { insertEmailSubscriber } from "@/db/writes/subscribers";
import { confirmationToken, signSubscriberToken } from "@/services/notifications/tokens";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import type { World } from "@/services/testing/notification-fixtures";
import { requestSubscription } from "./subscribe";

let world: World;
beforeEach(() => {
  world = useFreshAppDatabase();
});
afterAll(() => closeDb());

const call = (handler: typeof confirmGet, path: string, token: string, init?: RequestInit) =>
  handler(new Request(`http://127.0.0.1:3320${path}${token}`, init), { params: Promise.resolve({ token }) });

describe("the confirm page", () => {
  it("is in the language the sign-up was made in", async () => {
    const now = Date.now();
    requestSubscription(world.db, { email: "ar@example.com", language: "ar" }, "10.8.0.1", now);
    requestSubscription(world.db, { email: "neu@example.com", language: "de" }, "10.8.0.2", now);
    const token = (email: string) => {
      const s = getEmailSubscriberByAddress(world.db, world.pageId, email)!;
      return confirmationToken(ensureAppSecret(world.db, now), s.id, s.confirmationSentAt!);
    };
    const de = await (await call(confirmGet, "/subscribe/confirm/", token("neu@example.com"))).text();
    expect(de).toContain('<html lang="de" dir="ltr">');
    expect(de).toContain("Bestätigen Sie Ihr Abonnement");
    expect(de).toContain("<strong><bdi>neu@example.com</bdi></strong>");
    expect(de).toContain('<button type="submit">Bestätigen</button>');
    expect(de).toContain("Zurück zur Statusseite");
    const res = await call(confirmGet, "/subscribe/confirm/", token("ar@example.com"));
    const ar = await res.text();
    expect(res.status).toBe(200);
    expect(ar).toContain('<html lang="ar" dir="rtl">');
    expect(ar).toContain("أكّد اشتراكك");
  });

  it("a made-up link is a 404 in the default language", async () => {
    const res = await call(confirmGet, "/subscribe/confirm/", "abcdefghijkl.nope");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('<html lang="en" dir="ltr">');
  });
});

describe("the unsubscribe page", () => {
  it("asks and answers in the subscriber's language", async () => {
    const id = insertEmailSubscriber(world.db, {
      pageId: world.pageId,
      email: "lecteur@example.com",
      at: 1,
      state: "active",
      language: "fr",
    });
    const token = signSubscriberToken(ensureAppSecret(world.db, 1), "unsubscribe", id, 1);
    const ask = await (await call(unsubscribeGet, "/unsubscribe/", token)).text();
    expect(ask).toContain('<html lang="fr" dir="ltr">');
    expect(ask).toContain("Se désabonner de Example IT ?");
    expect(ask).toContain("<strong><bdi>lecteur@example.com</bdi></strong> ne recevra plus de notifications.");
    const done = await call(unsubscribePost, "/unsubscribe/", token, {
      method: "POST",
      body: "source=page",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html" },
    });
    expect(await done.text()).toContain("Vous êtes désabonné");
  });
});
