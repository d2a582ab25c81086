import { describe, expect, it } from "vitest";
import { formatInZone, notificationSubject, threadHeaders, unsubscribeHeaders } from "./content";
import { renderMarkdown } from "@/services/markdown";

describe("notification content", () => {
  it("says what happened in the subject", () => {
    expect(notificationSubject("incident_created", "investigating", "Webmail slow to load")).toBe(
      "[Investigating] Webmail slow to load",
    );
    expect(notificationSubject("incident_resolved", "resolved", "Webmail slow to load")).toBe(
      "[Resolved] Webmail slow to load",
    );
    expect(notificationSubject("maintenance_reminder", "scheduled", "VPN upgrade")).toBe(
      "[Maintenance reminder] VPN upgrade",
    );
    expect(notificationSubject("maintenance_scheduled", "scheduled", "VPN upgrade")).toBe(
      "[Scheduled maintenance] VPN upgrade",
    );
    expect(notificationSubject("incident_updated", "identified", "a\r\nBcc: x@y")).toBe("[Identified] a Bcc: x@y");
  });

  it("names the page's time zone", () => {
    expect(formatInZone(Date.UTC(2026, 10, 23, 15, 6), "Europe/Berlin")).toBe("23 Nov 2026, 16:06 CET (Europe/Berlin)");
    expect(formatInZone(Date.UTC(2026, 6, 1, 12, 0), "America/New_York")).toBe(
      "1 Jul 2026, 08:00 GMT-4 (America/New_York)",
    );
  });

  it("threads every email of an incident under one root", () => {
    const a = threadHeaders("https://status.example.org", "inc000000001", "n1", "s1");
    const b = threadHeaders("https://status.example.org", "inc000000001", "n2", "s1");
    expect(a.References).toBe(b.References);
    expect(a["In-Reply-To"]).toBe("<incident-inc000000001@status.example.org>");
    expect(a["Message-ID"]).not.toBe(b["Message-ID"]);
  });

  it("has RFC 8058 one-click unsubscribe headers", () => {
    expect(unsubscribeHeaders("https://s.example/unsubscribe/t")).toEqual({
      "List-Unsubscribe": "<https://s.example/unsubscribe/t>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
  });

  it("renders Markdown without raw HTML or script links", () => {
    const html = renderMarkdown(
      "**bold** <img src=x onerror=alert(1)> [x](javascript:alert(1)) [ok](https://example.org)",
      { linkBase: "https://s.example" },
    );
    expect(html).toContain("<strong>bold</strong>");
    expect(html).not.toContain("<img");
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('href="https://example.org"');
  });
});
