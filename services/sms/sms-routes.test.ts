import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { POST as subscribePost } from "@/app/subscribe/sms/route";
import { POST as verifyPost } from "@/app/subscribe/sms/verify/route";
import { POST as inboundPost } from "@/app/api/sms/twilio/route";
import { closeDb } from "@/db";
import { getSmsSubscriberByPhone } from "@/db/queries/sms";
import { ensureAppSecret } from "@/db/writes/page";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import type { World } from "@/services/testing/notification-fixtures";
import { smsCode } from "./subscribe";
import { twilioSignature } from "./twilio";

const TOKEN = "0123456789abcdef0123456789abcdef";
const TWILIO = {
  TWILIO_ACCOUNT_SID: "AC" + "0".repeat(32),
  TWILIO_AUTH_TOKEN: TOKEN,
  TWILIO_FROM: "+15005550006",
};
let world: World;
beforeEach(() => {
  world = useFreshAppDatabase(TWILIO);
});
afterAll(() => {
  for (const key of Object.keys(TWILIO)) delete process.env[key];
  closeDb();
});

const form = (path: string, fields: [string, string][], headers: Record<string, string> = {}) =>
  new Request(`http://127.0.0.1:3999${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "10.9.0.1", ...headers },
    body: new URLSearchParams(fields).toString(),
  });

describe("the SMS sign-up routes", () => {
  // What the proxy sets for /de/subscribe/sms and /ar/... (services/i18n/locale-headers.ts).
  const inLanguage = (locale: string) => ({ "x-status-locale": locale, "x-status-default-locale": "en" });

  it("answer in German at /de/...: the code form, its error and its links keep the language", async () => {
    const res = await subscribePost(
      form(
        "/subscribe/sms",
        [
          ["phone", "+49 170 7654321"],
          ["scope", "all"],
          ["language", "de"],
        ],
        inLanguage("de"),
      ),
    );
    const page = await res.text();
    expect(page).toContain('<html lang="de" dir="ltr">');
    expect(page).toContain("Geben Sie den Code ein, den wir Ihnen geschickt haben");
    expect(page).toContain("Er läuft in 10 Minuten ab.");
    expect(page).toContain('action="/de/subscribe/sms/verify"');
    expect(page).toContain('href="/de/subscribe?via=sms"');
    const s = getSmsSubscriberByPhone(world.db, world.pageId, "+491707654321")!;
    const wrong = await verifyPost(
      form(
        "/subscribe/sms/verify",
        [
          ["subscriberId", s.id],
          ["code", "abc"],
        ],
        inLanguage("de"),
      ),
    );
    expect(await wrong.text()).toContain("Dieser Code stimmt nicht.");
  });

  it("answer in Arabic, right to left, at /ar/...: the number form again, and a refusal", async () => {
    const bad = await subscribePost(
      form(
        "/subscribe/sms",
        [
          ["phone", "12"],
          ["scope", "all"],
        ],
        inLanguage("ar"),
      ),
    );
    expect(bad.status).toBe(400);
    const page = await bad.text();
    expect(page).toContain('<html lang="ar" dir="rtl">');
    expect(page).toContain("يُرجى تصحيح الرقم أدناه.");
    expect(page).toContain('action="/ar/subscribe/sms"');
    expect(page).toContain('<input type="hidden" name="language" value="ar">');
    // The number's own error is in Arabic too, not only the frame around it.
    expect(page).toContain("أدخل الرقم بالتنسيق الدولي");
    expect(page).not.toContain("international format");
    const refused = await subscribePost(
      form("/subscribe/sms", [["phone", "12"]], { ...inLanguage("ar"), origin: "https://evil.example" }),
    );
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("نموذج من موقع آخر.");
  });

  it("refuses a number that is not E.164, a short code and a premium number from /de/... in German", async () => {
    const post = (phone: string) =>
      subscribePost(
        form(
          "/subscribe/sms",
          [
            ["phone", phone],
            ["scope", "all"],
            ["language", "de"],
          ],
          inLanguage("de"),
        ),
      );
    const cases: [string, string][] = [
      ["0170 1234567", "Geben Sie die Nummer im internationalen Format ein"],
      ["72345", "Das sieht nach einer Kurzwahlnummer aus"],
      ["+49 900 1234567", "Das ist eine Premium- oder Servicenummer"],
    ];
    for (const [phone, german] of cases) {
      const res = await post(phone);
      expect(res.status, phone).toBe(400);
      const page = await res.text();
      expect(page, phone).toMatch(new RegExp(`<p id="phone-error" class="error" aria-live="polite">${german}`));
      expect(page, phone).not.toMatch(/international format|short code|premium-rate/);
    }
    expect(getSmsSubscriberByPhone(world.db, world.pageId, "+499001234567")).toBeUndefined();
  });

  it("a number gets the code form; the right code confirms it; STOP (signed) ends it", async () => {
    const res = await subscribePost(
      form("/subscribe/sms", [
        ["phone", "+49 170 1234567"],
        ["scope", "all"],
      ]),
    );
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("Enter the code we sent you");
    const s = getSmsSubscriberByPhone(world.db, world.pageId, "+491701234567")!;
    expect(page).toContain(`name="subscriberId" value="${s.id}"`);
    const wrong = await verifyPost(
      form("/subscribe/sms/verify", [
        ["subscriberId", s.id],
        ["code", "abc"],
      ]),
    );
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("That code is not right");
    const code = smsCode(ensureAppSecret(world.db, Date.now()), s.id, s.confirmationSentAt!);
    const ok = await verifyPost(
      form("/subscribe/sms/verify", [
        ["subscriberId", s.id],
        ["code", code],
      ]),
    );
    expect(ok.status).toBe(200);
    expect(getSmsSubscriberByPhone(world.db, world.pageId, "+491701234567")!.state).toBe("active");

    const stop = { From: "+491701234567", Body: "STOP", MessageSid: "SM1" };
    const url = "http://127.0.0.1:3999/api/sms/twilio";
    const forged = await inboundPost(
      form("/api/sms/twilio", Object.entries(stop), { "x-twilio-signature": twilioSignature("wrong", url, stop) }),
    );
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ error: expect.stringContaining("X-Twilio-Signature") });
    expect(getSmsSubscriberByPhone(world.db, world.pageId, "+491701234567")!.state).toBe("active");
    const signed = await inboundPost(
      form("/api/sms/twilio", Object.entries(stop), { "x-twilio-signature": twilioSignature(TOKEN, url, stop) }),
    );
    expect(signed.status).toBe(200);
    expect(signed.headers.get("content-type")).toContain("text/xml");
    expect(getSmsSubscriberByPhone(world.db, world.pageId, "+491701234567")!.state).toBe("unsubscribed");
  });

  it("a bad number comes back with its error on the field, the choices kept", async () => {
    const res = await subscribePost(
      form("/subscribe/sms", [
        ["phone", "0170 1234567"],
        ["scope", "some"],
        ["componentIds", world.vpn],
        ["allImpacts", "1"],
      ]),
    );
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toMatch(/id="phone-error"[^>]*>Enter the number in international format/);
    expect(body).toContain(`name="componentIds" value="${world.vpn}"`);
    expect(body).toContain('name="allImpacts" value="1"');
  });
});
