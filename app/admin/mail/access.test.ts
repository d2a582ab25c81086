import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { deliveries, emailMessages } from "@/db/schema";
import { enqueueNotification, writeFanOut } from "@/db/writes/outbox";
import { storeRenderedEmails } from "@/db/writes/outbox-emails";
import { actAs, installTestDatabase, makeUser, removeTestDatabase } from "@/services/testing/auth-harness";

// next.config.ts turns authInterrupts on for the app (forbidden() in services/auth/dal.ts); the build sets this.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { GET } = await import("./[id]/html/route");
const { default: SentMailPage } = await import("./page");
const { default: EmailPage } = await import("./[id]/page");
const { default: NotificationsPage } = await import("./notifications/page");
const { default: NotificationPage } = await import("./notifications/[id]/page");

let db: Db;
let pageId: string;
beforeEach(() => ({ db, pageId } = installTestDatabase()));
afterEach(() => removeTestDatabase());

function oneEmail(html = "<p>Hello</p><script>alert(1)</script>") {
  const at = Date.now();
  const notificationId = db.transaction((tx) =>
    enqueueNotification(tx, { pageId, kind: "subscription_manage_link", at }),
  );
  writeFanOut(db, notificationId, [["aaaaaaaaaaaa"]], at);
  const delivery = db.select().from(deliveries).where(eq(deliveries.notificationId, notificationId)).get()!;
  storeRenderedEmails(
    db,
    delivery.id,
    [{ toAddress: "ada@example.org", fromAddress: "s@example.com", subject: "Hi", html, text: "Hello", headers: {} }],
    at,
  );
  return { notificationId, emailId: db.select().from(emailMessages).get()!.id };
}

const html = (id: string) =>
  GET(new Request(`http://status.test/admin/mail/${id}/html`), { params: Promise.resolve({ id }) });
/** What a page does: renders (an element), or the digest of the redirect / HTTP error it throws. */
async function outcome(render: () => Promise<unknown>): Promise<string> {
  try {
    await render();
    return "rendered";
  } catch (err) {
    const digest = (err as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT")) return `redirect ${digest.split(";")[2]}`;
    if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK")) return `http ${digest.split(";")[1]}`;
    throw err;
  }
}

describe("the email HTML route", () => {
  it("serves the HTML to admins and owners only, under a CSP that forbids scripts", async () => {
    const { emailId } = oneEmail();
    actAs(db, null);
    expect((await html(emailId)).status).toBe(401);
    actAs(db, makeUser(db, "editor"));
    const refused = await html(emailId);
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain("Hello");
    for (const role of ["admin", "owner"] as const) {
      actAs(db, makeUser(db, role));
      const res = await html(emailId);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("<p>Hello</p>");
      const csp = res.headers.get("content-security-policy")!;
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("sandbox");
      expect(csp).not.toContain("script-src");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("answers 404 for an unknown or malformed id and 410 once the body is gone", async () => {
    const { emailId } = oneEmail();
    actAs(db, makeUser(db, "admin"));
    expect((await html("zzzzzzzzzzzz")).status).toBe(404);
    expect((await html("..%2f..%2fetc")).status).toBe(404);
    db.update(emailMessages).set({ html: "", text: "", headers: {} }).run();
    expect((await html(emailId)).status).toBe(410);
  });
});

describe("the Sent mail pages", () => {
  it("send nobody to sign in, refuse editors, and render for admins and owners", async () => {
    const { emailId, notificationId } = oneEmail();
    const pages = [
      () => SentMailPage({ searchParams: Promise.resolve({ state: "bogus", q: "ada" }) }),
      () => EmailPage({ params: Promise.resolve({ id: emailId }) }),
      () => NotificationsPage({ searchParams: Promise.resolve({ before: "nonsense" }) }),
      () => NotificationPage({ params: Promise.resolve({ id: notificationId }) }),
    ];
    actAs(db, null);
    for (const render of pages) expect(await outcome(render)).toBe("redirect /login");
    actAs(db, makeUser(db, "editor"));
    for (const render of pages) expect(await outcome(render)).toBe("http 403");
    for (const role of ["admin", "owner"] as const) {
      actAs(db, makeUser(db, role));
      for (const render of pages) expect(await outcome(render)).toBe("rendered");
    }
  });

  it("answer 404 for an unknown email or notification", async () => {
    actAs(db, makeUser(db, "owner"));
    expect(await outcome(() => EmailPage({ params: Promise.resolve({ id: "zzzzzzzzzzzz" }) }))).toBe("http 404");
    expect(await outcome(() => NotificationPage({ params: Promise.resolve({ id: "bad id" }) }))).toBe("http 404");
  });
});
