// A visitor's report: every bad input refused with its own message and nothing written; the limits per
// address and per service; a known problem shown first and the report attached to it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { eq } from "drizzle-orm";
import { components, pages, visitorReports } from "@/db/schema";
import { insertComponent } from "@/db/writes/components";
import { softDeleteComponent } from "@/db/writes/services";
import { MINUTE } from "@/core/time";
import { makeWorld, type World } from "@/services/testing/notification-fixtures";
import { createIncident } from "@/services/incidents/incident-verbs";
import { REPORT_RATE_LIMITS, submitVisitorReport, type ReportInput } from "./submit";

const now = Date.UTC(2026, 10, 23, 15);
const owner = { type: "system" as const, label: "automation" as const };
let world: World;
let db: Db;
beforeEach(() => {
  world = makeWorld();
  db = world.db;
});
afterEach(() => db.$client.close());

const reports = () => db.select().from(visitorReports).all();
const ok = (over: Partial<ReportInput> = {}): ReportInput => ({
  service: world.webmail,
  problem: "unavailable",
  details: "The inbox does not open.",
  email: "",
  ...over,
});

describe("submitVisitorReport", () => {
  it("keeps a report with its service, choice, text and lower-cased address", () => {
    const result = submitVisitorReport(db, ok({ email: "Pat@Example.com" }), "192.0.2.1", now);
    expect(result).toEqual({ status: "sent", incidentId: null });
    expect(reports()).toMatchObject([
      {
        componentId: world.webmail,
        problem: "unavailable",
        details: "The inbox does not open.",
        email: "pat@example.com",
        state: "open",
        createdAt: now,
      },
    ]);
  });

  it("takes “something else” without a service", () => {
    expect(submitVisitorReport(db, ok({ service: "other", problem: "other", details: "Printer" }), "a", now)).toEqual({
      status: "sent",
      incidentId: null,
    });
    expect(reports()[0]).toMatchObject({ componentId: null, details: "Printer" });
  });

  it.each<[string, Partial<ReportInput>, string, string]>([
    ["no service", { service: "" }, "service", "Choose the service, or “something else”."],
    ["no choice", { problem: "" as never }, "problem", "Choose what is wrong."],
    ["an empty “something else”", { problem: "other", details: "   " }, "details", "Tell us what is wrong."],
    ["too long a text", { details: "x".repeat(1001) }, "details", "Keep it to 1,000 characters."],
    [
      "a control character",
      { details: "bad\u0007bell" },
      "details",
      "Remove the control character U+0007 at character 4",
    ],
    ["a bad address", { email: "not-an-address" }, "email", "Enter a valid email address, or leave it empty."],
    ["an unknown service", { service: "zzzzzzzzzzzz" }, "service", "Choose a service from the list."],
    ["a service that is no id", { service: "../etc" }, "service", "Choose a service from the list."],
  ])("refuses %s, writing nothing", (_name, over, field, message) => {
    const result = submitVisitorReport(db, ok(over), "192.0.2.1", now);
    expect(result.status).toBe("invalid");
    if (result.status !== "invalid") return;
    expect(result.errors[field]?.[0]).toContain(message);
    expect(reports()).toEqual([]);
  });

  it.each<[string, Partial<ReportInput>, string, string, string]>([
    [
      "no service",
      { service: "" },
      "service",
      "Wählen Sie den Dienst oder „Etwas anderes“.",
      "اختر الخدمة، أو «شيء آخر».",
    ],
    ["no choice", { problem: "" as never }, "problem", "Wählen Sie, was los ist.", "اختر ما المشكلة."],
    ["too long a text", { details: "x".repeat(1001) }, "details", "Höchstens 1.000 Zeichen, bitte.", "لا تتجاوز"],
    [
      "an empty “something else”",
      { problem: "other", details: "" },
      "details",
      "Beschreiben Sie",
      "أخبرنا ما المشكلة.",
    ],
    ["a bad address", { email: "nope" }, "email", "gültige E-Mail-Adresse", "بريدًا إلكترونيًا صالحًا"],
    ["an unknown service", { service: "zzzzzzzzzzzz" }, "service", "aus der Liste", "من القائمة"],
  ])("refuses %s in the visitor's language (German, Arabic)", (_name, over, field, de, ar) => {
    const inGerman = submitVisitorReport(db, ok(over), "192.0.2.1", now, "de");
    const inArabic = submitVisitorReport(db, ok(over), "192.0.2.1", now, "ar");
    expect(inGerman.status === "invalid" && inGerman.errors[field]?.[0]).toContain(de);
    expect(inArabic.status === "invalid" && inArabic.errors[field]?.[0]).toContain(ar);
    expect(reports()).toEqual([]);
  });

  it("accepts exactly 1,000 characters, and keeps line breaks as one newline", () => {
    expect(submitVisitorReport(db, ok({ details: "y".repeat(1000) }), "a", now).status).toBe("sent");
    expect(submitVisitorReport(db, ok({ details: "one\r\ntwo" }), "b", now).status).toBe("sent");
    expect(reports().map((r) => r.details.length)).toEqual([1000, 7]);
  });

  it("refuses a deleted service as unknown, like one that never existed", () => {
    const gone = insertComponent(db, { pageId: world.pageId, name: "Old", at: 1, actor: { source: "manual" } });
    db.transaction((tx) => softDeleteComponent(tx, gone, now - 1));
    const result = submitVisitorReport(db, ok({ service: gone }), "a", now);
    expect(result).toEqual({ status: "invalid", errors: { service: ["Choose a service from the list."] } });
    expect(reports()).toEqual([]);
  });

  it("refuses an internal service of a mixed page as unknown (an anonymous visitor cannot know it)", () => {
    const payroll = insertComponent(db, { pageId: world.pageId, name: "Payroll", at: 1, actor: { source: "manual" } });
    db.update(components).set({ visibility: "internal" }).where(eq(components.id, payroll)).run();
    db.update(pages).set({ visibility: "mixed" }).run();
    const result = submitVisitorReport(db, ok({ service: payroll }), "a", now);
    expect(result).toEqual({ status: "invalid", errors: { service: ["Choose a service from the list."] } });
    expect(reports()).toEqual([]);
  });

  it("answers a filled honeypot like a success and keeps nothing", () => {
    expect(submitVisitorReport(db, { ...ok(), website: "http://spam" }, "a", now)).toEqual({
      status: "sent",
      incidentId: null,
    });
    expect(reports()).toEqual([]);
  });

  it("limits one client address per hour, and lets it in again an hour later", () => {
    for (let i = 0; i < REPORT_RATE_LIMITS.perAddressPerHour; i++)
      expect(submitVisitorReport(db, ok(), "198.51.100.7", now + i).status).toBe("sent");
    expect(submitVisitorReport(db, ok(), "198.51.100.7", now + 100)).toEqual({ status: "too-many" });
    expect(submitVisitorReport(db, ok(), "198.51.100.8", now + 100).status).toBe("sent");
    expect(submitVisitorReport(db, ok(), "198.51.100.7", now + 60 * MINUTE).status).toBe("sent");
    expect(reports()).toHaveLength(REPORT_RATE_LIMITS.perAddressPerHour + 2);
  });

  it("limits one service per ten minutes whatever the addresses, leaving other services open", () => {
    for (let i = 0; i < REPORT_RATE_LIMITS.perServicePerTenMinutes; i++)
      expect(submitVisitorReport(db, ok(), `203.0.113.${i}`, now + i).status).toBe("sent");
    expect(submitVisitorReport(db, ok(), "203.0.113.250", now + 100)).toEqual({ status: "too-many" });
    expect(submitVisitorReport(db, ok({ service: world.vpn }), "203.0.113.250", now + 100).status).toBe("sent");
  });

  it("attaches a report to the service's open incident, which the visitor is shown", () => {
    const { id } = createIncident(
      db,
      owner,
      {
        name: "Webmail down",
        status: "investigating",
        message: "Looking",
        componentStatuses: { [world.webmail]: "major_outage" },
        notify: false,
      },
      now - MINUTE,
    );
    expect(submitVisitorReport(db, ok({ email: "a@example.com" }), "a", now)).toEqual({
      status: "sent",
      incidentId: id,
    });
    expect(reports()[0]).toMatchObject({ incidentId: id, state: "open" });
    // Another service's report is not attached.
    expect(submitVisitorReport(db, ok({ service: world.vpn }), "a", now)).toEqual({ status: "sent", incidentId: null });
  });
});
