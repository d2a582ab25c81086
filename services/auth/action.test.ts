// Forms on a database that cannot save (a real SQLite file with writes refused, as on a read-only mount or a
// full disk): the console's actions, sign-in and subscribe answer "temporarily unable to save, try again in a
// minute" with what was typed kept, never a bare 500, and nothing is written.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type Db } from "@/db";
import { incidents, pages, subscribers } from "@/db/schema";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/db/unavailable";
import { ensurePage } from "@/db/writes/page";
import { hashPassword } from "@/services/password";
import { insertUser } from "@/db/writes/users";
import { actAs, formOf, makeUser, runAction } from "@/services/testing/auth-harness";
import { resetFakeRequest } from "@/services/testing/next-headers-mock";
import { tempDbFile } from "@/services/testing/notification-fixtures";
import { HOUR, MINUTE } from "@/core/time";
import { ensureAppSecret } from "@/db/writes/page";
import { insertPasswordReset } from "@/db/writes/password-resets";
import { insertEmailSubscriber } from "@/db/writes/subscribers";
import { insertInvitation } from "@/db/writes/team";
import { users } from "@/db/schema";
import { newId } from "@/core/ids";
import { passwordResetToken, signSubscriberToken } from "@/services/notifications/tokens";
import { hashToken } from "./tokens";
import { createSession, lookupSession } from "./sessions";

const incidentActions = await import("@/app/admin/incidents/actions");
const { signInAction } = await import("@/app/login/actions");
const { subscribeAction } = await import("@/app/subscribe/actions");
const { subscribeWebhookAction } = await import("@/app/subscribe/webhook-actions");
const { requestPasswordResetAction } = await import("@/app/login/forgot/actions");
const { resetPasswordAction } = await import("@/app/login/reset/[token]/actions");
const { acceptInvitationAction } = await import("@/app/invite/[token]/actions");
const { savePreferencesAction } = await import("@/app/manage/[token]/actions");

const holder = globalThis as typeof globalThis & { __statusDb?: Db };
let db: Db;
const PASSWORD = "a long enough password";
let staleToken: string;
let resetToken: string;
let inviteToken: string;
let manageToken: string;

beforeAll(async () => {
  db = openDatabase(tempDbFile("readonly-forms"));
  ensurePage(db, { name: "Test Page", timeZone: "Etc/UTC", at: Date.now() });
  holder.__statusDb = db;
  resetFakeRequest();
  insertUser(db, {
    email: "owner@example.test",
    passwordHash: await hashPassword(PASSWORD),
    role: "owner",
    at: Date.now(),
  });
  actAs(db, makeUser(db, "editor"));
  staleToken = createSession(db, {
    userId: makeUser(db, "admin").id,
    pendingTwoFactor: false,
    now: Date.now() - 5 * MINUTE,
  }).token;
  const secret = ensureAppSecret(db, Date.now());
  const resetId = newId();
  resetToken = passwordResetToken(secret, resetId);
  const owner = db
    .select()
    .from(users)
    .all()
    .find((u) => u.email === "owner@example.test")!;
  insertPasswordReset(db, {
    id: resetId,
    userId: owner.id,
    tokenHash: hashToken(resetToken),
    expiresAt: Date.now() + HOUR,
    at: Date.now(),
  });
  inviteToken = "an-invitation-token-for-the-read-only-test";
  insertInvitation(db, {
    email: "invitee@example.test",
    role: "editor",
    tokenHash: hashToken(inviteToken),
    invitedBy: null,
    expiresAt: Date.now() + HOUR,
    at: Date.now(),
  });
  const pageId = db.select().from(pages).get()!.id;
  const readerId = insertEmailSubscriber(db, {
    pageId,
    email: "reader-readonly@example.org",
    state: "active",
    at: Date.now(),
  });
  manageToken = signSubscriberToken(secret, "manage", readerId, 1);
  db.$client.pragma("query_only = 1");
});
afterAll(() => {
  db.$client.close();
  holder.__statusDb = undefined;
});

describe("forms on a database that cannot save", () => {
  it("still reads a session whose last-seen time is due to move (the console stays readable)", () => {
    expect(lookupSession(db, staleToken, Date.now())?.user.role).toBe("admin");
  });

  it("a console action says so and keeps what was typed", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { state } = await runAction(incidentActions.declareIncidentAction, {
      name: "VPN down",
      status: "investigating",
      message: "Looking.",
      notify: "on",
    });
    expect(state).toMatchObject({
      ok: false,
      message: DATABASE_UNAVAILABLE_MESSAGE,
      values: { name: "VPN down", message: "Looking." },
    });
    expect(db.select().from(incidents).all()).toEqual([]);
    error.mockRestore();
  });

  it("sign-in says so, keeps the address and never echoes the password", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const state = await signInAction({}, formOf({ email: "owner@example.test", password: PASSWORD }));
    expect(state).toMatchObject({
      ok: false,
      message: DATABASE_UNAVAILABLE_MESSAGE,
      values: { email: "owner@example.test" },
    });
    expect(JSON.stringify(state)).not.toContain(PASSWORD);
    error.mockRestore();
  });

  it("subscribe says so instead of failing", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const state = await subscribeAction(null, formOf({ email: "reader@example.org", scope: "all", website: "" }));
    expect(state).toMatchObject({
      status: "unavailable",
      message: DATABASE_UNAVAILABLE_MESSAGE,
      values: { email: "reader@example.org", scope: "all" },
    });
    expect(
      db
        .select()
        .from(subscribers)
        .all()
        .map((s) => s.email),
    ).toEqual(["reader-readonly@example.org"]);
    expect(db.select().from(pages).all()).toHaveLength(1);
    error.mockRestore();
  });

  // The webhook URL is an IP literal of a documentation range: nothing here may resolve a name or connect.
  it("every other anonymous form says so too: webhook sign-up, password reset, invitation, manage", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const webhook = await subscribeWebhookAction(
      null,
      formOf({ url: "https://192.0.2.10/status", email: "", scope: "all", website: "" }),
    );
    expect(webhook).toMatchObject({
      status: "unavailable",
      message: DATABASE_UNAVAILABLE_MESSAGE,
      values: { url: "https://192.0.2.10/status" },
    });
    const forgot = await requestPasswordResetAction({}, formOf({ email: "owner@example.test" }));
    expect(forgot).toMatchObject({
      ok: false,
      message: DATABASE_UNAVAILABLE_MESSAGE,
      values: { email: "owner@example.test" },
    });
    const reset = await resetPasswordAction(
      {},
      formOf({ token: resetToken, password: "another long password", confirmPassword: "another long password" }),
    );
    expect(reset).toMatchObject({ ok: false, message: DATABASE_UNAVAILABLE_MESSAGE });
    expect(JSON.stringify(reset)).not.toContain("another long password");
    const invite = await acceptInvitationAction(
      {},
      formOf({
        token: inviteToken,
        name: "New Member",
        password: "a new member password",
        confirmPassword: "a new member password",
      }),
    );
    expect(invite).toMatchObject({ ok: false, message: DATABASE_UNAVAILABLE_MESSAGE, values: { name: "New Member" } });
    expect(JSON.stringify(invite)).not.toContain(inviteToken);
    const manage = await savePreferencesAction(manageToken, null, formOf({ scope: "all" }));
    // The manage page says it by code, in the subscriber's language (its "unavailable" words).
    expect(manage).toEqual({
      error: DATABASE_UNAVAILABLE_MESSAGE,
      code: "unavailable",
      values: { scope: "all", componentIds: [] },
    });
    error.mockRestore();
  });
});
