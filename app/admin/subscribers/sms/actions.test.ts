// SMS subscribers in the console: the masked list with state and scope, and removal, as each role.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { auditLog, subscribers } from "@/db/schema";
import { insertComponent } from "@/db/writes/components";
import { upsertPendingSmsSubscriber } from "@/db/writes/sms";
import { confirmSubscriber } from "@/db/writes/subscribers";
import type { Actor } from "@/core/actor";
import { listSmsSubscribers, removeSmsSubscriber } from "@/services/sms/admin";
import { actAs, installTestDatabase, makeUser, removeTestDatabase } from "@/services/testing/auth-harness";

const actions = await import("./actions");

let db: Db;
let pageId: string;
let vpn: string;
beforeEach(() => {
  ({ db, pageId } = installTestDatabase());
  vpn = insertComponent(db, { pageId, name: "VPN", at: Date.now(), actor: { source: "manual" } });
});
afterEach(() => removeTestDatabase());

const addSms = (phone: string, componentIds: string[] = [], verified = true) => {
  const at = Date.now();
  const id = upsertPendingSmsSubscriber(db, pageId, null, {
    phone,
    componentIds,
    allImpacts: false,
    codeHash: "x".repeat(64),
    at,
    expiresAt: at + 600_000,
  });
  if (verified) confirmSubscriber(db, id, at);
  return id;
};
const asRole = (role: "owner" | "admin" | "editor"): Actor => {
  const u = makeUser(db, role);
  return { type: "user", userId: u.id, label: u.email, role };
};
async function run(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  try {
    return { state: await actions.removeSmsSubscriberAction({}, data) };
  } catch (err) {
    const digest = (err as { digest?: string }).digest;
    if (digest?.startsWith("NEXT_REDIRECT")) return { redirect: decodeURIComponent(digest.split(";")[2]) };
    throw err;
  }
}

describe("SMS subscribers in the console", () => {
  it("lists each number masked, with its state and scope; never the full number", () => {
    addSms("+491701234567");
    addSms("+491709876543", [vpn], false);
    const list = listSmsSubscribers(db, asRole("admin"));
    expect(list.total).toBe(2);
    expect(list.subscribers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ maskedPhone: "+49•••••••567", state: "active", components: null, allImpacts: false }),
        expect.objectContaining({
          maskedPhone: "+49•••••••543",
          state: "pending",
          components: [{ id: vpn, name: "VPN" }],
        }),
      ]),
    );
    expect(JSON.stringify(list)).not.toMatch(/1234567|9876543/);
  });

  it("editors may neither see nor remove", () => {
    const id = addSms("+491701234567");
    const editor = asRole("editor");
    expect(() => listSmsSubscribers(db, editor)).toThrow(/admin or owner/);
    expect(() => removeSmsSubscriber(db, editor, id)).toThrow(/admin or owner/);
    expect(db.select().from(subscribers).all()).toHaveLength(1);
  });

  it("an admin removes one from the console; the audit keeps the number masked", async () => {
    const id = addSms("+491701234567");
    actAs(db, null);
    expect(await run({ id })).toMatchObject({ state: { ok: false, message: expect.stringMatching(/Sign in again/) } });
    actAs(db, makeUser(db, "editor"));
    expect(await run({ id })).toMatchObject({
      state: { ok: false, message: expect.stringMatching(/role does not allow/) },
    });
    expect(db.select().from(subscribers).all()).toHaveLength(1);

    actAs(db, makeUser(db, "admin"));
    expect(await run({ id: "nosuchsubsc1" })).toMatchObject({ state: { ok: false } });
    expect(await run({ id })).toEqual({ redirect: "/admin/subscribers/sms?done=subscriber-removed" });
    expect(db.select().from(subscribers).all()).toHaveLength(0);
    const audit = db.select().from(auditLog).all().at(-1)!;
    expect(audit.action).toBe("subscriber.remove");
    expect(JSON.stringify(audit.detail)).toContain("+49•••••••567");
    expect(JSON.stringify(audit)).not.toContain("1234567");
  });

  it("an email subscriber's id is not an SMS subscriber", async () => {
    actAs(db, makeUser(db, "admin"));
    const { insertEmailSubscriber } = await import("@/db/writes/subscribers");
    const email = insertEmailSubscriber(db, { pageId, email: "a@example.org", state: "active", at: Date.now() });
    expect(await run({ id: email })).toMatchObject({ state: { ok: false } });
    expect(db.select().from(subscribers).all()).toHaveLength(1);
  });
});
