// The console's add forms (email subscriber, webhook, chat channel) take the subscriber's language: one of the
// eight, checked on the server (anything else is a per-field error and nothing is stored); a form posted
// without one gets the page's default language, not English.
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { pages, subscribers } from "@/db/schema";
import { resetConfigForTests } from "@/core/config";
import {
  actAs,
  formOf,
  installTestDatabase,
  makeUser,
  removeTestDatabase,
  runAction,
} from "@/services/testing/auth-harness";

const { addSubscriberAction } = await import("./actions");
const { addWebhookAction } = await import("@/app/admin/webhooks/actions");
const { addChatAction } = await import("@/app/admin/chat/actions");

let db: Db;
beforeAll(() => {
  process.env.WEBHOOKS_ALLOW_LOOPBACK = "1";
  resetConfigForTests();
});
afterAll(() => {
  delete process.env.WEBHOOKS_ALLOW_LOOPBACK;
  resetConfigForTests();
});
beforeEach(() => {
  db = installTestDatabase().db;
  actAs(db, makeUser(db, "admin"));
});
afterEach(removeTestDatabase);

const rows = (kind: "email" | "webhook" | "chat") =>
  db.select().from(subscribers).where(eq(subscribers.kind, kind)).all();
const UNKNOWN = "Choose one of the languages in the list.";

describe("the language of console-added subscribers", () => {
  it("an email subscriber gets the language chosen; an unknown one is refused on its field", async () => {
    const ok = await runAction(addSubscriberAction, {
      email: "reader@example.org",
      scope: "all",
      confirmation: "confirmed",
      language: "ar",
    });
    expect(ok.redirect).toMatch(/^\/admin\/subscribers\?done=/);
    expect(rows("email").map((r) => r.language)).toEqual(["ar"]);
    const bad = await addSubscriberAction(
      {},
      formOf({ email: "other@example.org", scope: "all", confirmation: "confirmed", language: "klingon" }),
    );
    expect(bad).toMatchObject({ ok: false, errors: { language: [UNKNOWN] }, values: { language: "klingon" } });
    expect(rows("email")).toHaveLength(1);
  });

  it("without a language field, the page's default language, not English", async () => {
    db.update(pages).set({ defaultLocale: "de" }).run();
    await runAction(addSubscriberAction, { email: "leser@example.org", scope: "all", confirmation: "confirmed" });
    await addWebhookAction({}, formOf({ url: "http://127.0.0.1:9/default" }));
    expect(rows("email").map((r) => r.language)).toEqual(["de"]);
    expect(rows("webhook").map((r) => r.language)).toEqual(["de"]);
  });

  it("a webhook gets the language chosen; an unknown one is refused before anything is registered", async () => {
    expect(await addWebhookAction({}, formOf({ url: "http://127.0.0.1:9/ja", language: "ja" }))).toMatchObject({
      ok: true,
    });
    expect(rows("webhook").map((r) => r.language)).toEqual(["ja"]);
    expect(await addWebhookAction({}, formOf({ url: "http://127.0.0.1:9/x", language: "EN" }))).toMatchObject({
      ok: false,
      errors: { language: [UNKNOWN] },
    });
    expect(rows("webhook")).toHaveLength(1);
  });

  it("a chat channel with an unknown language is refused before any test message is posted", async () => {
    const bad = await addChatAction({}, formOf({ platform: "slack", url: "http://127.0.0.1:9/slack", language: "xx" }));
    expect(bad).toMatchObject({ ok: false, errors: { language: [UNKNOWN] } });
    expect(rows("chat")).toHaveLength(0);
  });
});
