import { eq } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { GET, HEAD } from "@/app/i/[code]/route";
import { closeDb } from "@/db";
import { components, pages } from "@/db/schema";
import type { Actor } from "@/core/actor";
import { createIncident } from "@/services/incidents/incident-verbs";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import type { World } from "@/services/testing/notification-fixtures";
import { addMember } from "@/services/testing/scenario";
import { shortLink, shortLinkTarget } from "./short-links";

let world: World;
let editor: Actor;
beforeEach(() => {
  world = useFreshAppDatabase();
  editor = addMember(world.db, "editor");
});
afterAll(() => closeDb());

const incident = (componentId: string) =>
  createIncident(
    world.db,
    editor,
    { name: "Webmail down", message: "On it", componentStatuses: { [componentId]: "major_outage" } },
    Date.now(),
  ).id;
// Headers as the proxy sets them for /<locale>/i/<code> (services/i18n/locale-headers.ts).
const visit = (code: string, method: "GET" | "HEAD" = "GET", locale?: string) =>
  (method === "GET" ? GET : HEAD)(
    new Request(`http://127.0.0.1:3999/i/${code}`, {
      method,
      headers: locale ? { "x-status-locale": locale, "x-status-default-locale": "en" } : {},
    }),
    { params: Promise.resolve({ code }) },
  );

describe("short links (/i/<code>)", () => {
  it("redirect (302, cacheable) to a public incident's page, case-insensitively", async () => {
    const id = incident(world.webmail);
    expect(shortLink("https://status.example.org/", id)).toBe(`https://status.example.org/i/${id}`);
    const res = await visit(id);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/incidents/${id}`);
    expect(res.headers.get("cache-control")).toMatch(/^public, max-age=\d+$/);
    expect((await visit(id.toUpperCase())).status).toBe(302);
    expect((await visit(id, "HEAD")).status).toBe(302);
  });

  it("carry the reader's language: /de/i/<code> leads to the German incident page", async () => {
    const id = incident(world.webmail);
    const german = { locale: "de" as const, defaultLocale: "en" as const };
    expect(shortLink("https://status.example.org", id, german)).toBe(`https://status.example.org/de/i/${id}`);
    // The page's default language needs no prefix: the link stays as short as it can be.
    expect(shortLink("https://status.example.org", id, { locale: "en", defaultLocale: "en" })).toBe(
      `https://status.example.org/i/${id}`,
    );
    expect((await visit(id, "GET", "de")).headers.get("location")).toBe(`/de/incidents/${id}`);
    expect((await visit(id, "GET", "ar")).headers.get("location")).toBe(`/ar/incidents/${id}`);
  });

  it("an unknown, malformed or internal code is the same 404", async () => {
    world.db.update(pages).set({ visibility: "mixed" }).run();
    world.db.update(components).set({ visibility: "internal" }).where(eq(components.id, world.webmail)).run();
    const internal = incident(world.webmail);
    for (const code of ["zzzzzzzzzzzz", "short", "../admin", "%00", internal]) {
      const res = await visit(code);
      expect(res.status).toBe(404);
      expect(await res.text()).toBe("Not found\n");
      expect(res.headers.get("location")).toBeNull();
    }
    expect(shortLinkTarget(world.db, internal)).toBeNull();
  });
});
