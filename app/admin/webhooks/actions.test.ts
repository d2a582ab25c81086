import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { auditLog, subscribers } from "@/db/schema";
import { disableWebhook } from "@/db/writes/webhooks";
import { resetConfigForTests } from "@/core/config";
import { actAs, installTestDatabase, makeUser, removeTestDatabase } from "@/services/testing/auth-harness";

const { addWebhookAction, removeWebhookAction, enableWebhookAction, resendVerificationAction } =
  await import("./actions");

let db: Db;
beforeAll(() => {
  process.env.WEBHOOKS_ALLOW_LOOPBACK = "1";
  resetConfigForTests();
});
afterAll(() => {
  delete process.env.WEBHOOKS_ALLOW_LOOPBACK;
  resetConfigForTests();
});
beforeEach(() => ({ db } = installTestDatabase()));
afterEach(() => removeTestDatabase());

/** Runs an action; a redirect (the success of remove) comes back as { redirect }. */
async function run(action: (s: object, f: FormData) => Promise<unknown>, fields: Record<string, string>) {
  try {
    return await action({}, form(fields));
  } catch (err) {
    const digest = (err as { digest?: string }).digest;
    if (digest?.startsWith("NEXT_REDIRECT")) return { redirect: digest.split(";")[2] };
    throw err;
  }
}

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) data.append(k, one);
  return data;
}
const webhookRows = () => db.select().from(subscribers).where(eq(subscribers.kind, "webhook")).all();

describe("webhook console actions", () => {
  it("are refused to nobody and to an editor, and change nothing", async () => {
    const admin = makeUser(db, "admin");
    actAs(db, admin);
    const created = await addWebhookAction({}, form({ url: "http://127.0.0.1:9/hook" }));
    const id = webhookRows()[0].id;
    expect(created.ok).toBe(true);
    disableWebhook(db, id, Date.now());
    for (const [who, message] of [
      [null, "Sign in again"],
      [makeUser(db, "editor"), "role does not allow"],
    ] as const) {
      actAs(db, who);
      expect(await addWebhookAction({}, form({ url: "http://127.0.0.1:9/other" }))).toMatchObject({
        ok: false,
        message: expect.stringContaining(message),
      });
      expect(await enableWebhookAction({}, form({ id }))).toMatchObject({
        ok: false,
        message: expect.stringContaining(message),
      });
      expect(await resendVerificationAction({}, form({ id }))).toMatchObject({
        ok: false,
        message: expect.stringContaining(message),
      });
      expect(await run(removeWebhookAction, { id })).toMatchObject({
        ok: false,
        message: expect.stringContaining(message),
      });
    }
    expect(webhookRows()).toHaveLength(1);
    expect(webhookRows()[0].webhookDisabledAt).not.toBeNull();
  });

  it.each(["admin", "owner"] as const)(
    "let an %s add (the secret returned once, never audited), re-enable and remove",
    async (role) => {
      actAs(db, makeUser(db, role));
      const added = await addWebhookAction({}, form({ url: "http://127.0.0.1:9/hook", email: "Ops@Example.org" }));
      expect(added).toMatchObject({
        ok: true,
        reveal: { secret: expect.stringMatching(/^whsec_/), url: "http://127.0.0.1:9/hook" },
      });
      const [row] = webhookRows();
      expect(row).toMatchObject({
        webhookUrl: "http://127.0.0.1:9/hook",
        webhookSecret: added.reveal?.secret,
        email: "ops@example.org",
        state: "pending",
        origin: "console",
        allComponents: true,
      });
      expect(added.message).toContain("pending verification");
      expect(await resendVerificationAction({}, form({ id: row.id }))).toMatchObject({
        ok: true,
        message: "Verification ping queued for http://127.0.0.1:9/hook.",
      });
      db.update(subscribers).set({ state: "active" }).where(eq(subscribers.id, row.id)).run();
      expect(await resendVerificationAction({}, form({ id: row.id }))).toMatchObject({
        ok: false,
        message: expect.stringContaining("already verified"),
      });
      expect(JSON.stringify(db.select().from(auditLog).all())).not.toContain(String(added.reveal?.secret));
      expect(await enableWebhookAction({}, form({ id: row.id }))).toMatchObject({
        ok: false,
        message: expect.stringContaining("not disabled"),
      });
      disableWebhook(db, row.id, Date.now());
      expect(await enableWebhookAction({}, form({ id: row.id }))).toMatchObject({ ok: true });
      expect(webhookRows()[0].webhookDisabledAt).toBeNull();
      expect(await run(removeWebhookAction, { id: row.id })).toEqual({ redirect: "/admin/webhooks?removed=1" });
      expect(webhookRows()).toHaveLength(0);
      expect(await run(removeWebhookAction, { id: row.id })).toMatchObject({
        ok: false,
        message: expect.stringContaining("already removed"),
      });
      expect(
        db
          .select()
          .from(auditLog)
          .all()
          .map((a) => a.action),
      ).toEqual(expect.arrayContaining(["webhook.create", "webhook.verify", "webhook.enable", "webhook.delete"]));
    },
  );

  it("answer bad input per field and keep what was typed", async () => {
    actAs(db, makeUser(db, "admin"));
    for (const [fields, field, message] of [
      [{ url: "" }, "url", "Enter the URL"],
      [{ url: "ftp://example.com/x" }, "url", "Only http"],
      [{ url: "http://10.0.0.1/x" }, "url", "private"],
      [{ url: "http://169.254.169.254/latest" }, "url", "private"],
      [{ url: `http://127.0.0.1/${"a".repeat(2100)}` }, "url", "at most"],
      [{ url: "http://127.0.0.1:9/x", email: "nope" }, "email", "valid email"],
      [{ url: "http://127.0.0.1:9/x", scope: "some" }, "componentIds", "at least one"],
      [
        { url: "http://127.0.0.1:9/x", scope: "some", componentIds: "zzzzzzzzzzzz" },
        "componentIds",
        "no longer exists",
      ],
    ] as const) {
      const state = await addWebhookAction({}, form(fields));
      expect(state.ok).toBe(false);
      expect(state.errors?.[field]?.[0]).toContain(message);
      expect(state.values?.url).toBe(fields.url);
    }
    expect(await addWebhookAction({}, form({ url: "http://127.0.0.1:9/x" }))).toMatchObject({ ok: true });
    expect(await addWebhookAction({}, form({ url: "http://127.0.0.1:9/x" }))).toMatchObject({
      ok: false,
      errors: { url: [expect.stringContaining("already registered")] },
    });
    expect(await removeWebhookAction({}, form({ id: "not-an-id" }))).toMatchObject({
      ok: false,
      errors: { id: expect.any(Array) },
    });
    expect(webhookRows()).toHaveLength(1);
  });
});
