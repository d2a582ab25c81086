import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { emailMessages, invitations, notifications } from "@/db/schema";
import { insertUser } from "@/db/writes/users";
import { createResendMailer } from "@/services/mail/send";
import { runNotificationJobs } from "@/services/notifications/jobs";
import { REMOVED_LINK_TOKEN } from "@/services/notifications/tokens";
import { startFakeResend, type FakeResend } from "@/services/testing/fake-resend";
import { makeWorld, type World } from "@/services/testing/notification-fixtures";
import { deliverInvitation } from "./invitation-delivery";
import type { Actor } from "@/core/actor";
import { acceptInvitation, invite, openInvitationForToken, revokeInvitation } from "./team";

const PUBLIC_URL = "https://status.example.org";
const OPTS = { publicUrl: PUBLIC_URL, from: "Status <status@example.org>" };
const now = Date.UTC(2026, 10, 23, 15);

let fake: FakeResend;
let world: World;
let db: Db;
let owner: Actor;
beforeAll(async () => {
  fake = await startFakeResend();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  fake.setRateLimit(0);
  world = makeWorld();
  db = world.db;
  const id = insertUser(db, { email: "ada@example.org", passwordHash: "unusable", role: "owner", at: now });
  owner = { type: "user", userId: id, label: "ada@example.org", role: "owner" };
});
afterEach(() => db.$client.close());

const linkIn = (text: string) => text.match(/https?:\/\/\S+\/invite\/([\w-]+)/)?.[1];

describe("a team invitation", () => {
  it("without a Resend key: queues the email in the local outbox and shows the link, which the email carries too", async () => {
    const outcome = invite(db, owner, { email: "New@Example.org", role: "editor" }, PUBLIC_URL, now);
    expect(outcome).toMatchObject({
      ok: true,
      email: "new@example.org",
      link: expect.stringMatching(/\/invite\/[\w-]{43}$/),
    });
    const link = (outcome as { link: string }).link;
    const token = link.split("/invite/")[1];

    // Nothing secret is stored: the notification names the invitation, the row keeps a hash.
    const notification = db.select().from(notifications).where(eq(notifications.kind, "team_invitation")).get()!;
    expect(JSON.stringify(notification.payload)).not.toContain(token);
    expect(notification.payload).toEqual({ invitationId: expect.any(String) });
    expect(JSON.stringify(db.select().from(invitations).all())).not.toContain(token);

    await runNotificationJobs(db, now + 1000, { mailer: null, ...OPTS });
    const [email] = db.select().from(emailMessages).all();
    expect(email).toMatchObject({
      toAddress: "new@example.org",
      subscriberId: null,
      state: "kept_locally",
      subject: "You are invited to the Example IT status page team",
    });
    expect(linkIn(email.text)).toBe(token);
    expect(email.html).toContain(link);
    expect(email.text).toContain("ada@example.org");
    expect(email.text).toContain("Editor");
    expect(email.headers).toEqual({});
    expect(openInvitationForToken(db, token, now + 2000)?.email).toBe("new@example.org");
  });

  it("shows the inviter the link only when no email leaves the server", () => {
    const message = {
      invitationId: "zzzzzzzzzzzz",
      email: "x@example.org",
      role: "editor" as const,
      link: "",
      invitedBy: "ada@example.org",
    };
    expect(db.transaction((tx) => deliverInvitation(tx, message, now, "resend"))).toEqual({ showLinkToInviter: false });
    expect(db.transaction((tx) => deliverInvitation(tx, message, now, "local"))).toEqual({ showLinkToInviter: true });
    expect(
      db
        .select()
        .from(notifications)
        .all()
        .map((n) => n.kind),
    ).toEqual(["team_invitation", "team_invitation"]);
  });

  it("with Resend: sends the email, and the emailed link joins once", async () => {
    invite(db, owner, { email: "sam@example.org", role: "admin" }, PUBLIC_URL, now);
    await runNotificationJobs(db, now + 1000, { mailer: createResendMailer("re_test", fake.url), ...OPTS });
    const [sent] = fake.emails();
    expect(sent.to).toEqual(["sam@example.org"]);
    expect(sent.text).toContain("as an Admin");
    const token = linkIn(sent.text!)!;
    // Resend has it: the stored copy keeps no usable link, so reading Sent mail cannot join in their place.
    const stored = db.select().from(emailMessages).get()!;
    expect(stored.state).toBe("sent");
    expect(stored.html + stored.text).not.toContain(token);
    expect(stored.text).toContain(`/invite/${REMOVED_LINK_TOKEN}`);
    const joined = await acceptInvitation(
      db,
      token,
      { name: "Sam", password: "a long enough password", ip: null },
      now + 5000,
    );
    expect(joined.ok).toBe(true);
    expect(openInvitationForToken(db, token, now + 6000)).toBeNull();
  }, 30_000); // password hashing is slow on purpose

  it("is not mailed once revoked before the worker got to it", async () => {
    invite(db, owner, { email: "late@example.org", role: "editor" }, PUBLIC_URL, now);
    const id = db.select().from(invitations).get()!.id;
    expect(revokeInvitation(db, owner, id, now + 10)).toEqual({ ok: true });
    const tick = await runNotificationJobs(db, now + 1000, {
      mailer: createResendMailer("re_test", fake.url),
      ...OPTS,
    });
    expect(tick.fannedOut).toBe(1);
    expect(fake.emails()).toEqual([]);
    expect(db.select().from(emailMessages).all()).toEqual([]);
  });
});
