// The SMS manage routes, called as a browser without JavaScript would: number, code, settings, unsubscribe.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { POST as numberPost } from "@/app/manage/sms/route";
import { POST as verifyPost } from "@/app/manage/sms/verify/route";
import { GET as settingsGet, POST as settingsPost } from "@/app/manage/sms/[token]/route";
import { closeDb } from "@/db";
import { getSubscriber } from "@/db/queries/subscribers";
import { ensureAppSecret } from "@/db/writes/page";
import { resetConfigForTests } from "@/core/config";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import type { World } from "@/services/testing/notification-fixtures";
import { MANAGE_WINDOW_MS, smsManageCode } from "./manage";
import { requestSmsSubscription, smsCode, verifySmsCode } from "./subscribe";

const TWILIO = {
  TWILIO_ACCOUNT_SID: "AC" + "0".repeat(32),
  TWILIO_AUTH_TOKEN: "0123456789abcdef0123456789abcdef",
  TWILIO_FROM: "+15005550006",
};
let world: World;
beforeEach(() => {
  world = useFreshAppDatabase(TWILIO);
});
afterAll(() => {
  for (const key of Object.keys(TWILIO)) delete process.env[key];
  resetConfigForTests();
  closeDb();
});

const req = (path: string, fields: [string, string][], headers: Record<string, string> = {}) =>
  new Request(`http://127.0.0.1:3999${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "10.9.0.1", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
const ctx = (token: string) => ({ params: Promise.resolve({ token }) });

function activeNumber(phone: string) {
  const now = Date.now();
  const r = requestSmsSubscription(world.db, { phone }, "10.1.0.1", now);
  if (r.status !== "code-sent") throw new Error(r.status);
  const secret = ensureAppSecret(world.db, now);
  verifySmsCode(world.db, r.subscriberId, smsCode(secret, r.subscriberId, now), now);
  return { id: r.subscriberId, secret };
}

describe("/manage/sms", () => {
  // What the proxy sets for /de/manage/sms... (services/i18n/locale-headers.ts).
  const inLanguage = (locale: string, path: string) => ({
    "x-status-locale": locale,
    "x-status-default-locale": "en",
    "x-status-path": path,
  });

  it("in German at /de/manage/sms: the error, the forms' targets, the settings link and page", async () => {
    const { id, secret } = activeNumber("+491701231299");
    const bad = await numberPost(req("/manage/sms", [["phone", "72345"]], inLanguage("de", "/manage/sms")));
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('<html lang="de" dir="ltr">');
    expect(badHtml).toContain("Das sieht nach einer Kurzwahlnummer aus");
    expect(badHtml).toContain('action="/de/manage/sms"');
    expect(badHtml).toContain('<link rel="alternate" hreflang="fr" href="/fr/manage/sms">');
    const code = await numberPost(req("/manage/sms", [["phone", "+491701231299"]], inLanguage("de", "/manage/sms")));
    expect(await code.text()).toContain('action="/de/manage/sms/verify"');
    const typed = smsManageCode(secret, id, Math.floor(Date.now() / MANAGE_WINDOW_MS));
    const verified = await verifyPost(
      req(
        "/manage/sms/verify",
        [
          ["ref", id],
          ["code", typed],
        ],
        inLanguage("de", "/manage/sms/verify"),
      ),
    );
    expect(verified.status).toBe(303);
    const location = verified.headers.get("location")!;
    expect(location).toMatch(/^\/de\/manage\/sms\/[0-9a-z]{12}\./);
    const token = location.split("/").pop()!;
    const page = await settingsGet(
      new Request(`http://127.0.0.1:3999/manage/sms/${token}`, { headers: inLanguage("ar", `/manage/sms/${token}`) }),
      ctx(token),
    );
    const html = await page.text();
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain(`action="/ar/manage/sms/${token}"`);
    expect(html).not.toContain("Your SMS updates");
  });

  it("number, code, settings page, unsubscribe: all plain forms", async () => {
    const { id, secret } = activeNumber("+491701231231");
    const code = await numberPost(req("/manage/sms", [["phone", "+491701231231"]]));
    expect(code.status).toBe(200);
    expect(await code.text()).toContain(`name="ref" value="${id}"`);

    const typed = smsManageCode(secret, id, Math.floor(Date.now() / MANAGE_WINDOW_MS));
    const verified = await verifyPost(
      req("/manage/sms/verify", [
        ["ref", id],
        ["code", typed],
      ]),
    );
    expect(verified.status).toBe(303);
    const location = verified.headers.get("location")!;
    expect(location).toMatch(/^\/manage\/sms\/[0-9a-z]{12}\.[0-9a-z]+\.[\w-]{32}$/);
    const token = location.split("/").pop()!;

    const page = await settingsGet(new Request(`http://127.0.0.1:3999${location}`), ctx(token));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Your SMS updates");
    expect(html).toContain('name="componentIds"');
    expect(html).toContain("Unsubscribe this number");

    const saved = await settingsPost(
      req(location, [
        ["action", "save"],
        ["scope", "some"],
      ]),
      ctx(token),
    );
    expect(saved.status).toBe(400);
    expect(await saved.text()).toContain("Choose at least one service");

    const done = await settingsPost(req(location, [["action", "unsubscribe"]]), ctx(token));
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("You are unsubscribed");
    expect(getSubscriber(world.db, id)!.state).toBe("unsubscribed");
    expect((await settingsGet(new Request(`http://127.0.0.1:3999${location}`), ctx(token))).status).toBe(410);
  });

  it("a wrong code comes back with the form; a forged link is 404; a cross-site post 403", async () => {
    const { id, secret } = activeNumber("+491701231232");
    await numberPost(req("/manage/sms", [["phone", "+491701231232"]]));
    const real = smsManageCode(secret, id, Math.floor(Date.now() / MANAGE_WINDOW_MS));
    const wrong = await verifyPost(
      req("/manage/sms/verify", [
        ["ref", id],
        ["code", real === "000000" ? "111111" : "000000"],
      ]),
    );
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("That code is not right");
    expect(
      (await settingsGet(new Request("http://127.0.0.1:3999/manage/sms/x"), ctx(`${id}.zz.${"A".repeat(32)}`))).status,
    ).toBe(404);
    expect(
      (await numberPost(req("/manage/sms", [["phone", "+491701231232"]], { origin: "https://evil.example" }))).status,
    ).toBe(403);
    const bad = await numberPost(req("/manage/sms", [["phone", "12"]]));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('aria-invalid="true"');
  });
});
