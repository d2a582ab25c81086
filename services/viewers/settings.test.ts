import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, components, pages } from "@/db/schema";
import { addComponent, addGroup, addMember, emptyPage, expectDomainError, T0 } from "@/services/testing/scenario";
import { saveAudienceSettings, saveItemVisibilities } from "./settings";

describe("audience settings", () => {
  it("saves the visibility and canonical lists, audited without their contents", () => {
    const { db } = emptyPage();
    const admin = addMember(db, "admin");
    saveAudienceSettings(
      db,
      admin,
      {
        visibility: "mixed",
        viewerEmailDomains: "Example.com\r\n@corp.example.org",
        viewerIpAllowlist: "10.0.0.0/8\r\n192.168.1.5",
      },
      T0,
    );
    const page = db.select().from(pages).get()!;
    expect(page).toMatchObject({
      visibility: "mixed",
      viewerEmailDomains: "example.com\ncorp.example.org",
      viewerIpAllowlist: "10.0.0.0/8\n192.168.1.5/32",
    });
    const entry = db.select().from(auditLog).where(eq(auditLog.action, "page.audience_update")).get()!;
    expect(entry.detail).toMatchObject({ visibility: "mixed", previousVisibility: "public", allowListEntries: 2 });
    expect(JSON.stringify(entry)).not.toContain("10.0.0.0");
  });

  it("names each bad line per field and saves nothing", () => {
    const { db } = emptyPage();
    const admin = addMember(db, "admin");
    const err = expectDomainError(
      () =>
        saveAudienceSettings(
          db,
          admin,
          {
            visibility: "private",
            viewerEmailDomains: "not a domain",
            viewerIpAllowlist: "10.0.0.0/8\n10.0.0.0/40\noffice",
          },
          T0,
        ),
      "invalid",
    );
    expect(err.fields.viewerIpAllowlist).toMatch(/Line 2: .*prefix length.*Line 3: "office" is not/);
    expect(err.fields.viewerEmailDomains).toMatch(/Line 1/);
    expect(db.select().from(pages).get()!.visibility).toBe("public");
  });

  it("refuses an unknown visibility, control characters, and editors", () => {
    const { db } = emptyPage();
    const admin = addMember(db, "admin");
    expectDomainError(() => saveAudienceSettings(db, admin, { visibility: "secret" }, T0), "invalid", "visibility");
    expectDomainError(
      () => saveAudienceSettings(db, admin, { visibility: "mixed", viewerIpAllowlist: "10.0.0.0/8\u0000" }, T0),
      "invalid",
      "viewerIpAllowlist",
    );
    expect(() => saveAudienceSettings(db, addMember(db, "editor"), { visibility: "private" }, T0)).toThrow();
  });

  it("marks services and groups internal", () => {
    const { db, pageId } = emptyPage();
    const admin = addMember(db, "admin");
    const group = addGroup(db, pageId, "HR");
    const payroll = addComponent(db, pageId, "Payroll");
    expect(
      saveItemVisibilities(db, admin, { groups: { [group]: "internal" }, components: { [payroll]: "internal" } }, T0),
    ).toBe(2);
    expect(db.select().from(components).where(eq(components.id, payroll)).get()!.visibility).toBe("internal");
    expect(saveItemVisibilities(db, admin, { groups: { [group]: "internal" }, components: {} }, T0)).toBe(0);
    expectDomainError(
      () => saveItemVisibilities(db, admin, { groups: {}, components: { [payroll]: "secret" } }, T0),
      "invalid",
    );
  });
});
