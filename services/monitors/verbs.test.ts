// Monitor settings: bad input is refused per field, and only owners and admins create monitors.
import { describe, expect, it } from "vitest";
import { monitors } from "@/db/schema";
import { addComponent, addMember, emptyPage, expectDomainError, T0 } from "@/services/testing/scenario";
import { monitorInput } from "./config";
import { createMonitor, pauseMonitor, updateMonitor } from "./verbs";

const http = { name: "Intranet", kind: "http", intervalSeconds: 30, config: { url: "http://127.0.0.1:3191/" } };

describe("monitor settings", () => {
  it("applies the defaults: 3 failures before down, 2 successes before up, status only, major outage", () => {
    expect(monitorInput.parse(http)).toMatchObject({
      failuresBeforeDown: 3,
      successesBeforeUp: 2,
      incidentMode: "status_only",
      failureStatus: "major_outage",
      timeoutMs: 10_000,
      paused: false,
    });
  });

  it("refuses an interval below 10 s or above 24 h, a timeout longer than the interval, unknown keys", () => {
    const problems = (raw: object) =>
      monitorInput.safeParse(raw).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(problems({ ...http, intervalSeconds: 9 })).toEqual(["intervalSeconds: The interval is at least 10 seconds"]);
    expect(problems({ ...http, intervalSeconds: 86_401 })).toEqual([
      "intervalSeconds: The interval is at most 24 hours",
    ]);
    expect(problems({ ...http, intervalSeconds: 10, timeoutMs: 20_000 })).toEqual([
      "timeoutMs: The timeout must be shorter than the interval",
    ]);
    expect(problems({ ...http, config: { url: "ftp://x" } })).toEqual(["config.url: Enter an http:// or https:// URL"]);
    expect(problems({ ...http, config: { url: "http://a/", bogus: 1 } })?.[0]).toMatch(/^config: Unrecognized key/);
    expect(problems({ ...http, kind: "smtp" })?.[0]).toMatch(/kind/);
    expect(problems({ ...http, incidentMode: "published" })).toEqual([
      "templateId: Choose the template the incident is published from",
    ]);
    expect(problems({ ...http, name: "a\u0007b" })?.[0]).toMatch(
      /^name: Remove the control character U\+0007|^name: .*U\+0007/,
    );
    expect(
      problems({ name: "DNS", kind: "dns", intervalSeconds: 60, config: { name: "corp.internal", recordType: "SRV" } }),
    ).toEqual(["config.recordType: Choose A, AAAA, CNAME, MX, TXT or NS"]);
  });

  it("only owners and admins may create monitors; a missing service is named on its field", () => {
    const { db, pageId } = emptyPage();
    const editor = addMember(db, "editor", "ed@example.org");
    const admin = addMember(db, "admin", "ad@example.org");
    expectDomainError(() => createMonitor(db, editor, http, T0), "forbidden");
    expectDomainError(
      () => createMonitor(db, admin, { ...http, componentId: "aaaaaaaaaaaa" }, T0),
      "invalid",
      "componentId",
    );
    const vpn = addComponent(db, pageId, "VPN");
    const { id, heartbeatToken } = createMonitor(db, admin, { ...http, componentId: vpn }, T0);
    expect(heartbeatToken).toBeNull();
    expectDomainError(
      () => updateMonitor(db, admin, id, { ...http, kind: "tcp", config: { host: "127.0.0.1", port: 22 } }, T0),
      "invalid",
      "kind",
    );
    // An edit never resumes a paused monitor (the form has no "paused" field).
    pauseMonitor(db, admin, id, true, T0);
    updateMonitor(db, admin, id, { ...http, name: "Intranet (renamed)", componentId: vpn }, T0 + 1);
    expect(db.select().from(monitors).get()).toMatchObject({ name: "Intranet (renamed)", paused: true });
    expect(db.select().from(monitors).all()).toHaveLength(1);
  });
});
