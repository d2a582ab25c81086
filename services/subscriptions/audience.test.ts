// Internal subscribers (issue #15): a sign-up or follow made by the internal audience is internal; one made
// by the public is public, even for an address that was internal before; the public cannot follow an
// internal incident at all.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { components, pages, subscribers } from "@/db/schema";
import { incidentRecipientIds } from "@/db/queries/notifications";
import { createIncident } from "@/services/incidents/incident-verbs";
import { addComponent, addMember, emptyPage, T0 } from "@/services/testing/scenario";
import { insertEmailSubscriber } from "@/db/writes/subscribers";
import { listSubscribers } from "./admin";
import { requestFollow } from "./follow";
import { requestSubscription } from "./subscribe";

function mixed() {
  const { db, pageId } = emptyPage();
  const payroll = addComponent(db, pageId, "Payroll");
  db.update(components).set({ visibility: "internal" }).where(eq(components.id, payroll)).run();
  // Staff reach the internal page from the office network (with no way in, nobody is internal: stillInternal).
  db.update(pages).set({ visibility: "mixed", viewerIpAllowlist: "10.0.0.0/8" }).run();
  const incident = createIncident(
    db,
    addMember(db, "editor"),
    { name: "Payslips late", message: "Late", componentStatuses: { [payroll]: "major_outage" } },
    T0,
  ).id;
  return { db, pageId, incident };
}

const audienceOf = (db: ReturnType<typeof mixed>["db"], email: string) =>
  db.select({ audience: subscribers.audience }).from(subscribers).where(eq(subscribers.email, email)).all();

describe("subscribers in audiences", () => {
  it("makes a sign-up from the internal audience internal, and one from the public public", () => {
    const { db } = mixed();
    expect(requestSubscription(db, { email: "staff@example.com" }, "10.0.0.1", T0, "internal").status).toBe(
      "check-inbox",
    );
    expect(requestSubscription(db, { email: "anyone@example.net" }, "10.0.0.2", T0).status).toBe("check-inbox");
    expect(audienceOf(db, "staff@example.com")).toEqual([{ audience: "internal" }]);
    expect(audienceOf(db, "anyone@example.net")).toEqual([{ audience: "public" }]);
    // The same (still unconfirmed, expired) address asking again from the public page is public again.
    requestSubscription(db, { email: "staff@example.com" }, "10.0.0.3", T0 + 49 * 3600_000);
    expect(audienceOf(db, "staff@example.com")).toEqual([{ audience: "public" }]);
  });

  it("lets only the internal audience follow an internal incident, as an internal follower who receives it", () => {
    const { db, pageId, incident } = mixed();
    expect(requestFollow(db, incident, { email: "out@example.net" }, "10.0.0.1", T0 + 1).status).toBe("not-found");
    expect(requestFollow(db, incident, { email: "in@example.com" }, "10.0.0.2", T0 + 1, "internal").status).toBe(
      "check-inbox",
    );
    const follower = db.select().from(subscribers).where(eq(subscribers.email, "in@example.com")).get()!;
    expect(follower).toMatchObject({ audience: "internal", followIncidentId: incident });
    db.update(subscribers).set({ state: "active" }).where(eq(subscribers.id, follower.id)).run();
    expect(incidentRecipientIds(db, pageId, incident)).toEqual([follower.id]);
  });

  it("keeps an address outside the page's email domains public, from the internal page too", () => {
    const { db, incident } = mixed();
    db.update(pages).set({ viewerEmailDomains: "example.com" }).run();
    requestSubscription(db, { email: "staff@example.com" }, "10.0.0.1", T0, "internal");
    requestSubscription(db, { email: "outside@example.net" }, "10.0.0.2", T0, "internal");
    expect(audienceOf(db, "staff@example.com")).toEqual([{ audience: "internal" }]);
    expect(audienceOf(db, "outside@example.net")).toEqual([{ audience: "public" }]);
    // Following the internal incident from outside the domains: the same answer, and nothing made.
    expect(requestFollow(db, incident, { email: "other@example.net" }, "10.0.0.3", T0 + 1, "internal").status).toBe(
      "check-inbox",
    );
    expect(audienceOf(db, "other@example.net")).toEqual([]);
  });

  it("sends an internal incident to internal subscribers only", () => {
    const { db, pageId, incident } = mixed();
    requestSubscription(db, { email: "staff@example.com" }, "10.0.0.1", T0, "internal");
    requestSubscription(db, { email: "anyone@example.net" }, "10.0.0.2", T0);
    db.update(subscribers).set({ state: "active" }).run();
    const staff = db.select().from(subscribers).where(eq(subscribers.email, "staff@example.com")).get()!;
    expect(incidentRecipientIds(db, pageId, incident)).toEqual([staff.id]);
  });

  it("the console shows an internal subscriber whose address is no longer allowed as such", () => {
    const { db, pageId } = mixed();
    db.update(pages).set({ viewerEmailDomains: "example.com" }).run();
    insertEmailSubscriber(db, { pageId, email: "ann@example.com", at: T0, state: "active", audience: "internal" });
    insertEmailSubscriber(db, { pageId, email: "bob@example.com", at: T0, state: "active", audience: "internal" });
    insertEmailSubscriber(db, { pageId, email: "cat@example.net", at: T0, state: "active" });
    db.update(pages).set({ viewerEmailDomains: "corp.example" }).run();
    const owner = addMember(db, "owner");
    const shown = listSubscribers(db, owner, {}).subscribers.map((s) => [s.email, s.audience, s.noLongerAllowed]);
    expect(shown.sort()).toEqual([
      ["ann@example.com", "internal", true],
      ["bob@example.com", "internal", true],
      ["cat@example.net", "public", false],
    ]);
    db.update(pages).set({ viewerEmailDomains: "example.com\ncorp.example" }).run();
    expect(listSubscribers(db, owner, {}).subscribers.every((s) => !s.noLongerAllowed)).toBe(true);
  });
});
