// The services rules with each kind of actor: capability checked here, not only in the actions and routes.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, components, componentStatusChanges } from "@/db/schema";
import { addApiKeyActor, addComponent, addMember, emptyPage, expectDomainError, T0 } from "@/services/testing/scenario";
import { createComponent, createGroup, setStatusByHand } from "./services";

describe("services by actor", () => {
  it("records a status set through an API key as source api with the key, audited with its name", () => {
    const { db, pageId } = emptyPage();
    const id = addComponent(db, pageId, "VPN");
    const key = addApiKeyActor(db, "admin", 'API key "ops"');
    expect(setStatusByHand(db, pageId, key, id, "major_outage", T0)).toEqual({ ok: true, name: "VPN" });
    const last = db
      .select()
      .from(componentStatusChanges)
      .where(eq(componentStatusChanges.componentId, id))
      .all()
      .at(-1);
    expect(last).toMatchObject({ status: "major_outage", source: "api", apiKeyId: key.apiKeyId, userId: null });
    expect(db.select().from(auditLog).all().at(-1)).toMatchObject({
      actorType: "api_key",
      actorId: key.apiKeyId,
      actorLabel: 'API key "ops"',
      action: "component.set_status",
    });
  });

  it("records a member's change as manual with the member", () => {
    const { db, pageId } = emptyPage();
    const admin = addMember(db, "admin");
    const created = createComponent(
      db,
      pageId,
      admin,
      { name: "Mail", description: null, groupId: null, showcase: true, onlyShowIfDegraded: false, startDate: null },
      T0,
    );
    if (!created.ok) throw new Error(created.message);
    const first = db
      .select()
      .from(componentStatusChanges)
      .where(eq(componentStatusChanges.componentId, created.id))
      .get();
    expect(first).toMatchObject({ source: "manual", userId: admin.userId, apiKeyId: null });
  });

  it("refuses editors and read or editor keys, writing nothing", () => {
    const { db, pageId } = emptyPage();
    const id = addComponent(db, pageId, "VPN");
    for (const actor of [addMember(db, "editor"), addApiKeyActor(db, "read"), addApiKeyActor(db, "editor")]) {
      expectDomainError(() => setStatusByHand(db, pageId, actor, id, "major_outage", T0), "forbidden");
      expectDomainError(() => createGroup(db, pageId, actor, { name: "G", description: null }, T0), "forbidden");
    }
    expect(db.select().from(components).where(eq(components.id, id)).get()!.status).toBe("operational");
    expect(db.select().from(auditLog).all()).toEqual([]);
  });
});
