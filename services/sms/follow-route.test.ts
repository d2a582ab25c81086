// The incident page's "by SMS" form's route, called as a browser without JavaScript would.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { POST } from "@/app/incidents/[id]/follow/sms/route";
import { closeDb } from "@/db";
import { resetConfigForTests } from "@/core/config";
import { createIncident } from "@/services/incidents/incident-verbs";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import type { World } from "@/services/testing/notification-fixtures";
import { addMember } from "@/services/testing/scenario";

const TWILIO = {
  TWILIO_ACCOUNT_SID: "AC" + "0".repeat(32),
  TWILIO_AUTH_TOKEN: "0123456789abcdef0123456789abcdef",
  TWILIO_FROM: "+15005550006",
};
let world: World;
let incidentId: string;
beforeEach(() => {
  world = useFreshAppDatabase(TWILIO);
  incidentId = createIncident(
    world.db,
    addMember(world.db, "editor"),
    { name: "Webmail slow", message: "Looking.", componentStatuses: { [world.webmail]: "degraded_performance" } },
    Date.now(),
  ).id;
});
afterAll(() => {
  for (const key of Object.keys(TWILIO)) delete process.env[key];
  resetConfigForTests();
  closeDb();
});

const post = (id: string, fields: [string, string][], headers: Record<string, string> = {}) =>
  POST(
    new Request(`http://127.0.0.1:3999/incidents/${id}/follow/sms`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "10.9.0.1", ...headers },
      body: new URLSearchParams(fields).toString(),
    }),
    { params: Promise.resolve({ id }) },
  );

describe("POST /incidents/<id>/follow/sms", () => {
  it("a number gets the code form, which posts to the SMS sign-up's verification", async () => {
    const res = await post(incidentId, [["phone", "+49 170 1234567"]]);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('action="/subscribe/sms/verify"');
    expect(html).toMatch(/name="subscriberId" value="[0-9a-z]{12}"/);
  });

  it("a bad number comes back with the form, its error and what was typed", async () => {
    const res = await post(incidentId, [
      ["phone", "0170 1234567"],
      ["postmortem", "1"],
    ]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Please correct the number below.");
    expect(html).toMatch(/international format/);
    expect(html).toContain('value="0170 1234567"');
    expect(html).toMatch(/name="postmortem" value="1" checked/);
  });

  // What the proxy sets for /de/incidents/<id>/follow/sms (services/i18n/locale-headers.ts).
  const inLanguage = (locale: string, path = `/incidents/${incidentId}/follow/sms`) => ({
    "x-status-locale": locale,
    "x-status-default-locale": "en",
    "x-status-path": path,
  });

  it("answers in German at /de/...: the error, the form's target, its links, the language menu and hreflang", async () => {
    const res = await post(
      incidentId,
      [
        ["phone", "0170 1234567"],
        ["language", "de"],
      ],
      inLanguage("de"),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<html lang="de" dir="ltr">');
    expect(html).toContain("Geben Sie die Nummer im internationalen Format ein");
    expect(html).not.toMatch(/international format|Please correct/);
    expect(html).toContain(`action="/de/incidents/${incidentId}/follow/sms"`);
    expect(html).toContain('<input type="hidden" name="language" value="de">');
    expect(html).toContain(`href="/de/incidents/${incidentId}"`);
    expect(html).toContain(`<link rel="alternate" hreflang="ar" href="/ar/incidents/${incidentId}/follow/sms">`);
    expect(html).toContain(`<link rel="alternate" hreflang="x-default" href="/incidents/${incidentId}/follow/sms">`);
    expect(html).toMatch(/<details class="languages"><summary>[^<]+: <span lang="de">Deutsch<\/span>/);
    // A number from /de/ gets the code form in German, posting to the German verification URL.
    const ok = await post(
      incidentId,
      [
        ["phone", "+49 170 1234567"],
        ["language", "de"],
      ],
      inLanguage("de"),
    );
    expect(await ok.text()).toContain('action="/de/subscribe/sms/verify"');
  });

  it("answers in Arabic, right to left, at /ar/...", async () => {
    const res = await post(incidentId, [["phone", "12"]], inLanguage("ar"));
    const html = await res.text();
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain("أدخل الرقم بالتنسيق الدولي");
    expect(html).toContain(`action="/ar/incidents/${incidentId}/follow/sms"`);
  });

  it("refuses a cross-site post, an unknown incident, and answers 404 without Twilio", async () => {
    expect((await post(incidentId, [["phone", "+491701234567"]], { origin: "https://evil.example" })).status).toBe(403);
    expect((await post("zzzzzzzzzzzz", [["phone", "+491701234567"]])).status).toBe(404);
    for (const key of Object.keys(TWILIO)) delete process.env[key];
    resetConfigForTests();
    expect((await post(incidentId, [["phone", "+491701234567"]])).status).toBe(404);
  });
});
