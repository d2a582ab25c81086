// A private page refuses everything anonymous at the route handlers themselves (API v2, feeds, calendar,
// badge): 401 with a JSON {error}. A viewer token or a viewer session opens them, answered private, no-store.
// A mixed page answers the public part to everyone, with the public caching headers.
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db";
import { components, pages } from "@/db/schema";
import { GET as badge } from "@/app/badge.svg/route";
import { v2Handlers } from "@/services/api/v2-route";
import { calendarHandlers } from "@/services/feeds/calendar-route";
import { feedHandlers } from "@/services/feeds/feed-route";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import { addMember } from "@/services/testing/scenario";
import { createViewerSession } from "./sessions";
import { createViewerToken } from "./tokens";
import { RENDER_AUDIENCE_HEADER, RENDER_KEY_HEADER } from "./request";

afterAll(() => closeDb());

const BASE = "http://127.0.0.1:3999";
const routes = {
  "/api/v2/summary.json": v2Handlers("summary.json").GET,
  "/api/v2/components.json": v2Handlers("components.json").GET,
  "/history.atom": feedHandlers("atom").GET,
  "/history.rss": feedHandlers("rss").GET,
  "/maintenances.ics": calendarHandlers().GET,
  "/badge.svg": badge,
} as Record<string, (r: Request) => Response | Promise<Response>>;

const call = (path: string, headers: Record<string, string> = {}) =>
  Promise.resolve(routes[path](new Request(`${BASE}${path}`, { headers })));

describe("a private page", () => {
  it("answers every anonymous request with 401 and a JSON error", async () => {
    const { db } = useFreshAppDatabase();
    db.update(pages).set({ visibility: "private" }).run();
    for (const path of Object.keys(routes)) {
      const res = await call(path);
      expect(res.status, path).toBe(401);
      expect((await res.json()).error, path).toMatch(/private/);
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("opens to a viewer token and a viewer session, never cached by others", async () => {
    const { db } = useFreshAppDatabase();
    db.update(pages).set({ visibility: "private" }).run();
    const { token } = createViewerToken(db, addMember(db, "admin"), { name: "Wallboard" });
    const session = createViewerSession(db, { email: "ann@example.com", method: "email", now: Date.now() });
    for (const path of Object.keys(routes)) {
      for (const headers of <Record<string, string>[]>[
        { authorization: `Bearer ${token}` },
        { cookie: `viewer_session=${session.token}` },
      ]) {
        const res = await call(path, headers);
        expect(res.status, path).toBe(200);
        expect(res.headers.get("cache-control"), path).toBe("private, no-store");
      }
    }
    // The feed reader's way: the token in the address.
    const feed = await Promise.resolve(
      feedHandlers("atom").GET(new Request(`${BASE}/history.atom?viewer_token=${token}`)),
    );
    expect(feed.status).toBe(200);
  });

  it("a render header without the process's key counts for nothing", async () => {
    const { db } = useFreshAppDatabase();
    db.update(pages).set({ visibility: "private" }).run();
    process.env.STATUS_RENDER_KEY = "k".repeat(43);
    const forged = await call("/api/v2/summary.json", {
      [RENDER_AUDIENCE_HEADER]: "internal",
      [RENDER_KEY_HEADER]: "x".repeat(43),
    });
    expect(forged.status).toBe(401);
    const real = await call("/api/v2/summary.json", {
      [RENDER_AUDIENCE_HEADER]: "internal",
      [RENDER_KEY_HEADER]: "k".repeat(43),
    });
    expect(real.status).toBe(200);
    delete process.env.STATUS_RENDER_KEY;
  });
});

describe("a mixed page", () => {
  it("answers the public part publicly and the whole to a viewer", async () => {
    const { db, vpn } = useFreshAppDatabase();
    db.update(pages).set({ visibility: "mixed" }).run();
    db.update(components).set({ visibility: "internal" }).where(eq(components.id, vpn)).run();
    const anonymous = await call("/api/v2/components.json");
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get("cache-control")).toMatch(/^public/);
    expect(JSON.stringify(await anonymous.json())).not.toContain("VPN");
    const session = createViewerSession(db, { email: "ann@example.com", method: "email", now: Date.now() });
    const staff = await call("/api/v2/components.json", { cookie: `viewer_session=${session.token}` });
    expect(JSON.stringify(await staff.json())).toContain("VPN");
  });
});
