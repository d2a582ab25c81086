import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { auditLog, components, incidentTemplates } from "@/db/schema";
import type { Actor } from "@/core/actor";
import { addApiKeyActor, addComponent, addMember, emptyPage, expectDomainError, T0 } from "@/services/testing/scenario";
import {
  createTemplate,
  declarationFromTemplate,
  DEFAULT_TEMPLATES,
  deleteTemplate,
  ensureDefaultTemplates,
  MAX_TEMPLATES,
  updateTemplate,
} from "./templates";

let db: Db;
afterEach(() => db?.$client.close());

function setup() {
  const built = emptyPage();
  db = built.db;
  const vpn = addComponent(db, built.pageId, "VPN");
  const mail = addComponent(db, built.pageId, "Email");
  return {
    ...built,
    vpn,
    mail,
    editor: addMember(db, "editor") as Actor,
    readKey: addApiKeyActor(db, "read", "dashboard"),
  };
}

const valid = (componentIds: string[] = []) => ({
  name: "VPN outage",
  title: "VPN unavailable",
  body: "We are looking into it.",
  status: "identified" as const,
  componentIds,
  componentStatus: "major_outage" as const,
});
function expectFieldError(fn: () => unknown, field: string, message: string) {
  expect(expectDomainError(fn, "invalid", field).fields[field]).toBe(message);
}
const rows = () => db.select().from(incidentTemplates).all();

describe("default templates", () => {
  it("are added once per installation, one per incident stage, and do not come back after being deleted", () => {
    const { pageId, editor } = setup();
    expect(ensureDefaultTemplates(db, pageId, T0)).toBe(true);
    expect(
      rows()
        .map((t) => t.status)
        .sort(),
    ).toEqual(["identified", "investigating", "monitoring", "resolved"]);
    expect(rows()).toHaveLength(DEFAULT_TEMPLATES.length);
    for (const t of rows()) deleteTemplate(db, editor, t.id, T0);
    expect(ensureDefaultTemplates(db, pageId, T0 + 1)).toBe(false);
    expect(rows()).toEqual([]);
  });
});

describe("template verbs", () => {
  it("create, update and delete a template, each audited with the actor", () => {
    const { vpn, mail, editor } = setup();
    const id = createTemplate(db, editor, valid([vpn, vpn]), T0);
    expect(rows()[0]).toMatchObject({
      id,
      title: "VPN unavailable",
      componentIds: [vpn],
      componentStatus: "major_outage",
      status: "identified",
    });
    updateTemplate(db, editor, id, { ...valid([mail]), title: "Email down" }, T0 + 1);
    expect(rows()[0]).toMatchObject({ title: "Email down", componentIds: [mail], updatedAt: T0 + 1 });
    deleteTemplate(db, editor, id, T0 + 2);
    expect(rows()).toEqual([]);
    expect(
      db
        .select()
        .from(auditLog)
        .all()
        .map((a) => [a.action, a.actorLabel]),
    ).toEqual([
      ["template.create", "editor@example.org"],
      ["template.update", "editor@example.org"],
      ["template.delete", "editor@example.org"],
    ]);
  });

  it("refuses a read-only API key and changes nothing", () => {
    const { readKey, editor } = setup();
    expectDomainError(() => createTemplate(db, readKey, valid(), T0), "forbidden");
    const id = createTemplate(db, editor, valid(), T0);
    expectDomainError(() => updateTemplate(db, readKey, id, { ...valid(), name: "Changed" }, T0), "forbidden");
    expectDomainError(() => deleteTemplate(db, readKey, id, T0), "forbidden");
    expect(rows().map((t) => t.name)).toEqual(["VPN outage"]);
  });

  it("rejects empty and too-long fields, unknown statuses and services, each on its field", () => {
    const { editor, vpn } = setup();
    expectFieldError(() => createTemplate(db, editor, { ...valid(), name: " " }, T0), "name", "Enter a name");
    expectFieldError(
      () => createTemplate(db, editor, { ...valid(), title: "x".repeat(101) }, T0),
      "title",
      "Use at most 100 characters",
    );
    expectFieldError(
      () => createTemplate(db, editor, { ...valid(), body: "x".repeat(10_001) }, T0),
      "body",
      "Use at most 10,000 characters",
    );
    expectFieldError(
      () => createTemplate(db, editor, { ...valid(), status: "postmortem" as never }, T0),
      "status",
      "Choose a status from the list",
    );
    expectFieldError(
      () => createTemplate(db, editor, { ...valid(), componentStatus: "broken" as never }, T0),
      "componentStatus",
      "Choose a service status from the list",
    );
    expectFieldError(
      () => createTemplate(db, editor, valid(["zzzzzzzzzzzz"]), T0),
      "componentIds",
      "Unknown or deleted service: zzzzzzzzzzzz",
    );
    db.update(components).set({ deletedAt: T0 }).where(eq(components.id, vpn)).run();
    expectFieldError(
      () => createTemplate(db, editor, valid([vpn]), T0),
      "componentIds",
      `Unknown or deleted service: ${vpn}`,
    );
    expect(rows()).toEqual([]);
  });

  it("caps the number of templates and reports unknown ids as not found", () => {
    const { editor } = setup();
    for (let i = 0; i < MAX_TEMPLATES; i++) createTemplate(db, editor, { ...valid(), name: `T${i}` }, T0);
    expectDomainError(() => createTemplate(db, editor, valid(), T0), "conflict");
    expect(rows()).toHaveLength(MAX_TEMPLATES);
    expectDomainError(() => updateTemplate(db, editor, "zzzzzzzzzzzz", valid(), T0), "not_found");
    expectDomainError(() => deleteTemplate(db, editor, "zzzzzzzzzzzz", T0), "not_found");
  });

  it("gives the declare form its starting values, leaving out services deleted since", () => {
    const { pageId, editor, vpn, mail } = setup();
    const id = createTemplate(db, editor, valid([vpn, mail]), T0);
    db.update(components).set({ deletedAt: T0 }).where(eq(components.id, mail)).run();
    expect(declarationFromTemplate(db, pageId, id)).toEqual({
      templateName: "VPN outage",
      name: "VPN unavailable",
      status: "identified",
      message: "We are looking into it.",
      componentStatuses: { [vpn]: "major_outage" },
    });
    expect(declarationFromTemplate(db, pageId, "zzzzzzzzzzzz")).toBeNull();
  });
});
