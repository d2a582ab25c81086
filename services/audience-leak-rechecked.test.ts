// The leak test, continued (issue #15): the audience rule applied again at fan-out. An internal subscriber
// whose address the page no longer allows (its domains changed, or no way in is left) hears nothing internal in
// any channel and still the public part; one still allowed still hears the internal incidents.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { emailMessages, notifications, pages, subscribers } from "@/db/schema";
import { insertEmailSubscriber } from "@/db/writes/subscribers";
import { stillInternal } from "@/core/audience";
import { smsRecipientIds } from "@/services/sms/deliver";
import { mixedPage, SECRETS, sendEverything } from "@/services/testing/mixed-page";
import { T0 } from "@/services/testing/scenario";

describe("an internal subscriber whose address is no longer allowed (the rule applied again at fan-out)", () => {
  /** The mixed page, its domains set, and internal subscribers in every channel that has subscribers. */
  function withInternalSubscribers() {
    const world = mixedPage();
    const { db, pageId, ids } = world;
    db.update(pages).set({ viewerEmailDomains: "example.com\ncorp.example" }).run();
    const staff = (email: string) =>
      insertEmailSubscriber(db, { pageId, email, at: T0, state: "active", audience: "internal" });
    staff("left@example.com");
    staff("kept@corp.example");
    // A follower of the internal incident, signed up from the internal page.
    const follower = staff("follower@example.com");
    db.update(subscribers)
      .set({ followIncidentId: ids.internalIncident, allComponents: false })
      .where(eq(subscribers.id, follower))
      .run();
    // An SMS subscriber marked internal (the worst case: SMS is public by design, it must get nothing either).
    db.insert(subscribers)
      .values({
        id: "smssub000001",
        pageId,
        kind: "sms",
        phone: "+15550100",
        state: "active",
        smsAllImpacts: true,
        origin: "public",
        audience: "internal",
        createdAt: T0,
        updatedAt: T0,
      })
      .run();
    return world;
  }

  async function send(db: Db) {
    const { requests } = await sendEverything(db);
    const mails = db.select().from(emailMessages).all();
    const mailTo = (address: string) =>
      mails.filter((m) => m.toAddress === address).map((m) => `${m.subject}\n${m.html}\n${m.text}`);
    // Who the SMS fan-out names, per notification (the texts themselves go through Twilio: services/sms).
    const smsFor = (incidentId: string) =>
      db
        .select()
        .from(notifications)
        .where(eq(notifications.incidentId, incidentId))
        .all()
        .flatMap((n) => smsRecipientIds(db, n));
    return { mailTo, requests, smsFor };
  }

  const secretsIn = (bodies: string[]) => bodies.flatMap((body) => SECRETS.filter((s) => body.includes(s)));

  it("domains changed: that subscriber and follower hear nothing internal, still the public part", async () => {
    const { db, ids } = withInternalSubscribers();
    db.update(pages).set({ viewerEmailDomains: "corp.example" }).run();
    const { mailTo, requests, smsFor } = await send(db);
    const left = mailTo("left@example.com");
    expect(left.some((m) => m.includes("Sign-in slow"))).toBe(true);
    expect(secretsIn(left)).toEqual([]);
    expect(mailTo("follower@example.com")).toEqual([]);
    // Still allowed: still hears the internal incidents.
    const kept = mailTo("kept@corp.example").join("\n");
    for (const secret of ["Payslips late", "Door firmware"]) expect(kept).toContain(secret);
    // Webhooks, chat and SMS: nothing internal, the public incident as before.
    expect(requests.some((r) => r.body.includes("Sign-in slow"))).toBe(true);
    expect(secretsIn(requests.map((r) => r.body))).toEqual([]);
    expect(smsFor(ids.internalIncident)).toEqual([]);
    expect(smsFor(ids.groupIncident)).toEqual([]);
    expect(smsFor(ids.publicIncident)).toContain("smssub000001");
  });

  it("domains unchanged: the same subscribers do hear the internal incidents (the test above is not vacuous)", async () => {
    const { db } = withInternalSubscribers();
    const { mailTo } = await send(db);
    expect(mailTo("left@example.com").join("\n")).toContain("Payslips late");
    expect(mailTo("follower@example.com").join("\n")).toContain("Payslips late");
  });

  it("internal sign-up no longer possible (no domains, no allowed network, no OIDC): nothing internal to anyone", async () => {
    const { db } = withInternalSubscribers();
    db.update(pages).set({ viewerEmailDomains: null, viewerIpAllowlist: null }).run();
    const { mailTo } = await send(db);
    for (const address of ["left@example.com", "kept@corp.example"]) {
      expect(mailTo(address).some((m) => m.includes("Sign-in slow"))).toBe(true);
      expect(secretsIn(mailTo(address))).toEqual([]);
    }
    expect(mailTo("follower@example.com")).toEqual([]);
  });

  it("the rule itself: the sign-up rule again, on the page as it is now", () => {
    const internal = { audience: "internal" as const, email: "ann@example.com" };
    const rule = (domains: string | null, allowlist: string | null = null, oidc = false) => ({
      viewerEmailDomains: domains,
      viewerIpAllowlist: allowlist,
      viewerOidc: oidc,
    });
    expect(stillInternal(internal, rule("example.com"))).toBe(true);
    expect(stillInternal(internal, rule("corp.example"))).toBe(false);
    // No domains named: the admin trusts the network or the provider, as at sign-up, while either exists.
    expect(stillInternal(internal, rule(null, "10.0.0.0/8"))).toBe(true);
    expect(stillInternal(internal, rule(null, null, true))).toBe(true);
    expect(stillInternal(internal, rule(null))).toBe(false);
    expect(stillInternal({ audience: "public", email: "ann@example.com" }, rule("example.com"))).toBe(false);
    expect(stillInternal({ audience: "internal", email: null }, rule(null, "10.0.0.0/8"))).toBe(false);
  });
});
