// The email sign-up (/de/subscribe) and "follow this incident by email" (/ar/incidents/<id>/follow) answer a
// bad address, and a database that cannot save, in the language of the page they were posted from: the real
// Server Action and the real route handler, on a real SQLite file; nothing is stored.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as followPost } from "@/app/incidents/[id]/follow/route";
import { closeDb } from "@/db";
import { subscribers } from "@/db/schema";
import { createIncident } from "@/services/incidents/incident-verbs";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import { formOf } from "@/services/testing/auth-harness";
import type { World } from "@/services/testing/notification-fixtures";
import { addMember } from "@/services/testing/scenario";
import { fakeRequest } from "@/services/testing/next-headers-mock";

const { subscribeAction } = await import("./actions");
const { reportProblemAction } = await import("@/app/report-a-problem/actions");

let world: World;
let incidentId: string;
beforeEach(() => {
  world = useFreshAppDatabase();
  incidentId = createIncident(world.db, addMember(world.db, "editor"), {
    name: "VPN down",
    message: "Looking",
    componentStatuses: { [world.vpn]: "major_outage" },
  }).id;
});
afterAll(() => closeDb());

const subscribe = (email: string, language: string, more: Record<string, string> = {}) =>
  subscribeAction(null, formOf({ email, scope: "all", website: "", language, ...more }));
const errorsOf = (state: unknown) => (state as { errors?: Record<string, string[]> }).errors ?? {};

/** A post to /<locale>/incidents/<id>/follow, with the headers the proxy sets for that URL. */
const follow = (locale: string, email: string) =>
  followPost(
    new Request(`http://127.0.0.1:3999/${locale}/incidents/${incidentId}/follow`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-forwarded-for": "10.2.2.2",
        "x-status-locale": locale,
        "x-status-default-locale": "en",
        "x-status-path": `/incidents/${incidentId}/follow`,
      },
      body: new URLSearchParams({ email, language: locale, website: "" }).toString(),
    }),
    { params: Promise.resolve({ id: incidentId }) },
  );

describe("the email sign-up's refusals in the visitor's language", () => {
  it("an address that is not one, too long, or with a control character, in German from /de/subscribe", async () => {
    const bad = await subscribe("not-an-address", "de");
    expect(bad).toMatchObject({ status: "invalid", values: { email: "not-an-address" } });
    expect(errorsOf(bad).email).toEqual(["Geben Sie eine gültige E-Mail-Adresse ein, etwa name@example.com."]);
    expect(errorsOf(await subscribe(`${"a".repeat(250)}@example.com`, "de")).email).toEqual([
      "Geben Sie eine E-Mail-Adresse mit höchstens 254 Zeichen ein.",
    ]);
    expect(errorsOf(await subscribe("a\u0007b@example.com", "de")).email).toEqual([
      "Geben Sie eine gültige E-Mail-Adresse ein, etwa name@example.com.",
    ]);
    expect(world.db.select().from(subscribers).all()).toHaveLength(0);
  });

  it("no service chosen, in Arabic; without a language the answer is English", async () => {
    const none = await subscribe("reader@example.org", "ar", { scope: "some" });
    expect(errorsOf(none).componentIds).toEqual(["اختر خدمة واحدة على الأقل، أو كل شيء."]);
    expect(errorsOf(await subscribe("nope", "xx")).email).toEqual([
      "Enter a valid email address, like name@example.com.",
    ]);
  });

  it("following an incident from /ar/...: the form again (400) with the Arabic error", async () => {
    const res = await follow("ar", "nope<");
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(
      /id="follow-email-error"[^>]*>أدخل عنوان بريد إلكتروني صالحًا، مثل name@example.com\.</,
    );
    expect(world.db.select().from(subscribers).all()).toHaveLength(0);
  });
});

describe("a database that cannot save, said in the visitor's language", () => {
  const readOnly = () => world.db.$client.pragma("query_only = 1");
  const GERMAN =
    "Wir können Änderungen gerade nicht speichern. Es wurde nichts gespeichert; bitte versuchen Sie es in einer Minute erneut.";

  it("the email sign-up from /de/subscribe", async () => {
    readOnly();
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const state = await subscribe("reader@example.org", "de");
    expect(state).toMatchObject({ status: "unavailable", message: GERMAN, values: { email: "reader@example.org" } });
    error.mockRestore();
  });

  it("following an incident from /de/...: 503 with the form again", async () => {
    readOnly();
    const res = await follow("de", "reader@example.org");
    expect(res.status).toBe(503);
    const body = await res.text();
    expect(body).toContain(`<p role="alert">${GERMAN}</p>`);
    expect(body).toContain('value="reader@example.org"');
  });

  it("report a problem from /de/report-a-problem", async () => {
    readOnly();
    fakeRequest.headers.set("x-status-locale", "de");
    fakeRequest.headers.set("x-status-default-locale", "en");
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const state = await reportProblemAction(
      null,
      formOf({ service: world.vpn, problem: "unavailable", details: "", email: "", website: "" }),
    );
    expect(state).toMatchObject({ status: "unavailable", message: GERMAN });
    error.mockRestore();
  });
});
