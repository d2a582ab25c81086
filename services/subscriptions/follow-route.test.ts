import { eq } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/incidents/[id]/follow/route";
import { closeDb } from "@/db";
import { getFollow } from "@/db/queries/subscribers";
import { notifications } from "@/db/schema";
import { addIncidentUpdate, createIncident } from "@/services/incidents/incident-verbs";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import type { World } from "@/services/testing/notification-fixtures";
import { addMember } from "@/services/testing/scenario";

let world: World;
let incidentId: string;
let editor: ReturnType<typeof addMember>;
beforeEach(() => {
  world = useFreshAppDatabase();
  editor = addMember(world.db, "editor");
  incidentId = createIncident(world.db, editor, {
    name: "VPN <down>",
    message: "Looking",
    componentStatuses: { [world.vpn]: "major_outage" },
  }).id;
});
afterAll(() => closeDb());

const url = (id: string) => `http://127.0.0.1:3999/incidents/${id}/follow`;
const params = (id: string) => ({ params: Promise.resolve({ id }) });
const postForm = (id: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  POST(
    new Request(url(id), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "10.1.1.1", ...headers },
      body: new URLSearchParams(fields).toString(),
    }),
    params(id),
  );
const confirmations = () =>
  world.db.select().from(notifications).where(eq(notifications.kind, "subscription_confirm")).all();

describe("/incidents/<id>/follow", () => {
  it("GET shows the form with the incident's name escaped, and changes nothing", async () => {
    const res = await GET(new Request(url(incidentId)), params(incidentId));
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain(`<form method="post" action="/incidents/${incidentId}/follow"`);
    expect(body).toContain("VPN &#60;down&#62;");
    expect(body).not.toContain("VPN <down>");
  });

  it("POST starts a confirmation for this incident and answers 'check your inbox'", async () => {
    const res = await postForm(incidentId, { email: "a@example.com", postmortem: "1" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Check your inbox");
    expect(getFollow(world.db, world.pageId, "a@example.com", incidentId)).toMatchObject({
      state: "pending",
      followPostmortem: true,
    });
    expect(confirmations()).toMatchObject([{ incidentId }]);
  });

  it("answers a bad address with the form again (400), its error tied to the field and the value kept", async () => {
    const res = await postForm(incidentId, { email: "nope<" });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain('aria-invalid="true"');
    expect(body).toMatch(/id="follow-email-error"[^>]*>Enter a valid email address/);
    expect(body).toContain('value="nope&#60;"');
    expect(confirmations()).toHaveLength(0);
  });

  // What the proxy sets for /de/... and /ar/... (services/i18n/locale-headers.ts).
  const inLanguage = (locale: string) => ({
    "x-status-locale": locale,
    "x-status-default-locale": "en",
    "x-status-path": `/incidents/${incidentId}/follow`,
  });

  it("speaks German at /de/...: the words, lang, links and form target keep the language", async () => {
    const res = await GET(new Request(url(incidentId), { headers: inLanguage("de") }), params(incidentId));
    const body = await res.text();
    expect(body).toContain('<html lang="de" dir="ltr">');
    expect(body).toContain("Neuigkeiten zu diesem Vorfall erhalten");
    expect(body).toContain("<strong>VPN &#60;down&#62;</strong>");
    expect(body).toContain(`action="/de/incidents/${incidentId}/follow"`);
    expect(body).toContain('<input type="hidden" name="language" value="de">');
    expect(body).toContain(`href="/de/incidents/${incidentId}"`);
    const bad = await postForm(incidentId, { email: "nope", language: "de" }, inLanguage("de"));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/id="follow-email-error"[^>]*>Geben Sie eine gültige E-Mail-Adresse ein/);
  });

  it("speaks Arabic, right to left, at /ar/..., with the field's error in Arabic", async () => {
    const ok = await postForm(incidentId, { email: "ar@example.com", language: "ar" }, inLanguage("ar"));
    const okBody = await ok.text();
    expect(okBody).toContain('<html lang="ar" dir="rtl">');
    expect(okBody).toContain("تحقق من بريدك الوارد");
    const bad = await postForm(incidentId, { email: "nope", language: "ar" }, inLanguage("ar"));
    expect(await bad.text()).toMatch(/id="follow-email-error"[^>]*>أدخل عنوان بريد إلكتروني صالحًا/);
    const missing = await GET(new Request(url("zzzzzzzzzzzz"), { headers: inLanguage("ar") }), params("zzzzzzzzzzzz"));
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("هذا الحادث غير موجود");
  });

  it("accepts the form again from its own error page, which posts with Origin: null", async () => {
    const res = await postForm(
      incidentId,
      { email: "again@example.com" },
      { origin: "null", "sec-fetch-site": "same-origin" },
    );
    expect(res.status).toBe(200);
    expect(confirmations()).toHaveLength(1);
  });

  it("404 for an unknown or malformed incident, 403 for a cross-site post, 413 for a huge body", async () => {
    expect((await postForm("nosuchincid1", { email: "a@example.com" })).status).toBe(404);
    expect((await GET(new Request(url("../x")), params("../x"))).status).toBe(404);
    const cross = await postForm(incidentId, { email: "a@example.com" }, { origin: "https://evil.example" });
    expect(cross.status).toBe(403);
    // A post from one of our plain pages (Referrer-Policy: no-referrer) carries Origin: null.
    const nullCross = await postForm(
      incidentId,
      { email: "a@example.com" },
      { origin: "null", "sec-fetch-site": "cross-site" },
    );
    expect(nullCross.status).toBe(403);
    expect((await postForm(incidentId, { email: "a@example.com", website: "x".repeat(10_000) })).status).toBe(413);
    expect(confirmations()).toHaveLength(0);
  });

  it("a resolved incident offers only its postmortem; a too-many answer is a 429", async () => {
    addIncidentUpdate(world.db, editor, incidentId, { status: "resolved", message: "Fixed", componentStatuses: {} });
    const page = await (await GET(new Request(url(incidentId)), params(incidentId))).text();
    expect(page).toContain('<input type="hidden" name="postmortem" value="1">');
    for (let i = 0; i < 10; i++) await postForm(incidentId, { email: `p${i}@example.com` });
    const res = await postForm(incidentId, { email: "more@example.com" });
    expect(res.status).toBe(429);
    expect(getFollow(world.db, world.pageId, "p0@example.com", incidentId)).toMatchObject({ followPostmortem: true });
  });
});
