// The manage page in the subscriber's language, and its language select: the change is stored (and only a
// language of the list), and the page and everything sent afterwards use it.
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb } from "@/db";
import { getSubscriber } from "@/db/queries/subscribers";
import { ensureAppSecret } from "@/db/writes/page";
import { insertEmailSubscriber, setPaused } from "@/db/writes/subscribers";
import { signSubscriberToken } from "@/services/notifications/tokens";
import { setLanguageByToken } from "@/services/subscriptions/manage";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import type { World } from "@/services/testing/notification-fixtures";
import ManagePage, { generateMetadata } from "./page";

let world: World;
let id: string;
let token: string;
beforeEach(() => {
  world = useFreshAppDatabase();
  id = insertEmailSubscriber(world.db, {
    pageId: world.pageId,
    email: "leser@example.com",
    at: 1,
    state: "active",
    language: "de",
  });
  token = signSubscriberToken(ensureAppSecret(world.db, 1), "manage", id, 1);
});
afterAll(() => closeDb());

async function page(query: Record<string, string> = {}) {
  const element = await ManagePage({ params: Promise.resolve({ token }), searchParams: Promise.resolve(query) });
  return renderToStaticMarkup(element);
}

describe("the manage page", () => {
  it("is in the subscriber's language, marked with lang and dir, with the language select on theirs", async () => {
    const html = await page({ confirmed: "1" });
    expect(html).toContain('lang="de" dir="ltr"');
    expect(html).toContain("Ihr Abonnement von Example IT");
    expect(html).toContain("Ihr Abonnement ist bestätigt.");
    expect(html).toContain("Benachrichtigen Sie mich über");
    expect(html).toContain("Benachrichtigungen pausieren");
    expect(html).toMatch(/<select[^>]*name="language"/);
    expect(html).toMatch(/<option value="de" lang="de" dir="ltr" selected="">Deutsch<\/option>/);
    expect(html).toContain('<option value="ar" lang="ar" dir="rtl">العربية</option>');
    expect(html).not.toContain("Notify me about");
  });

  it("names the browser tab in the subscriber's language", async () => {
    expect((await generateMetadata({ params: Promise.resolve({ token }) })).title).toBe(
      "Ihr Abonnement von Example IT",
    );
    expect((await generateMetadata({ params: Promise.resolve({ token: "nope.nope" }) })).title).toBe(
      "Manage your subscription",
    );
  });

  it("changes the language: the page turns Arabic and right to left, and says so", async () => {
    expect(setLanguageByToken(world.db, token, "ar", 5)).toEqual({ ok: true });
    expect(getSubscriber(world.db, id)!.language).toBe("ar");
    setPaused(world.db, id, true, Date.UTC(2026, 10, 23, 15));
    const html = await page({ done: "language" });
    expect(html).toContain('lang="ar" dir="rtl"');
    expect(html).toContain("اشتراكك في Example IT");
    expect(html).toContain("تم حفظ لغتك.");
    // The pause notice names the time in the page's zone, in Arabic.
    expect(html).toContain("(Europe/Berlin)");
    expect(html).toContain("استئناف الإشعارات");
  });

  it("refuses a language not on the list, or a bad link, and changes nothing", () => {
    for (const bad of ["xx", "AR", "", null, { ar: 1 }, "ar\u0000"])
      expect(setLanguageByToken(world.db, token, bad)).toMatchObject({ ok: false, code: "invalid" });
    const unsubscribeToken = signSubscriberToken(ensureAppSecret(world.db, 1), "unsubscribe", id, 1);
    expect(setLanguageByToken(world.db, unsubscribeToken, "fr")).toMatchObject({ ok: false, code: "invalidLink" });
    expect(getSubscriber(world.db, id)!.language).toBe("de");
  });
});
