// The shared OIDC route pair (viewers' /sign-in/oidc and the console's /login/sso): where each answer sends
// the browser and which cookies it sets, with start/finish given as plain functions (the flow itself is
// tested against a real provider in services/viewers/oidc.test.ts and services/auth/sso.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import { oidcRoutes, type CallbackInput } from "./routes";

beforeAll(() => useFreshAppDatabase());
afterAll(() => closeDb());

type Outcome = { ok: true; token: string; expiresAt: number } | { ok: false; reason: string };

function routes(configured = true) {
  const finished: CallbackInput[] = [];
  let answer: Outcome = { ok: false, reason: "rejected" };
  const pair = oidcRoutes({
    flowPath: "/x/oidc",
    flowCookie: "x_flow",
    settings: () => (configured ? { issuer: "http://127.0.0.1:1" } : null),
    notConfigured: "/x?off",
    refused: (reason) => `/x?error=${reason}`,
    start: async (_s, input) =>
      input.redirectUri.endsWith("/x/oidc/callback")
        ? { ok: true, url: "http://127.0.0.1:1/auth", cookie: "signed.flow" }
        : { ok: false, reason: "bad_redirect" },
    finish: async (_db, _s, input): Promise<Outcome> => (finished.push(input), answer),
    signedIn: (done, now, cookie) => ({
      location: "/home",
      cookies: [cookie("x_session", done.token, done.expiresAt - now)],
    }),
  });
  return { ...pair, finished, answer: (a: Outcome) => (answer = a) };
}

const callbackRequest = (cookie: string) =>
  new Request("http://evil.example/x/oidc/callback?code=abc&state=def", {
    headers: { cookie, "user-agent": "UA/1", "x-forwarded-for": "198.51.100.7" },
  });

describe("oidcRoutes", () => {
  it("start sends the browser to the provider with the flow cookie scoped to the flow's path", async () => {
    const res = await routes().start();
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("http://127.0.0.1:1/auth");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("set-cookie")).toBe("x_flow=signed.flow; Path=/x/oidc; Max-Age=600; HttpOnly; SameSite=Lax");
  });

  it("not configured: both routes go to the configured place and set nothing", async () => {
    const r = routes(false);
    for (const res of [await r.start(), await r.callback(callbackRequest("x_flow=abc"))]) {
      expect(res.headers.get("location")).toBe("/x?off");
      expect(res.headers.get("set-cookie")).toBeNull();
    }
  });

  it("callback: the public URL's callback address, the flow cookie, and a refusal clears the flow cookie", async () => {
    const r = routes();
    const res = await r.callback(callbackRequest("other=1; x_flow=the.flow; more=2"));
    expect(r.finished[0]).toMatchObject({ flowCookie: "the.flow", userAgent: "UA/1" });
    // The address the provider was told, not the Host header that reached us.
    expect(r.finished[0].callbackUrl.href).toBe("http://127.0.0.1:3999/x/oidc/callback?code=abc&state=def");
    expect(res.headers.get("location")).toBe("/x?error=rejected");
    expect(res.headers.getSetCookie()).toEqual(["x_flow=; Path=/x/oidc; Max-Age=0; HttpOnly; SameSite=Lax"]);
  });

  it("callback: signed in, the flow cookie goes and the session cookie comes", async () => {
    const r = routes();
    r.answer({ ok: true, token: "tok", expiresAt: Date.now() + 3_600_000 });
    const res = await r.callback(callbackRequest("x_flow=the.flow"));
    expect(res.headers.get("location")).toBe("/home");
    const [cleared, session] = res.headers.getSetCookie();
    expect(cleared).toContain("x_flow=; Path=/x/oidc; Max-Age=0");
    expect(session).toMatch(/^x_session=tok; Path=\/; Max-Age=(3599|3600); HttpOnly; SameSite=Lax$/);
  });
});
