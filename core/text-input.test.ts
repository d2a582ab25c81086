// Item 6: control characters are refused at the schema of every text input, with a message per field that
// names the character; tab and newline only where the text is multi-line (and CRLF is stored as LF).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { z } from "zod";
import * as componentsRoute from "@/app/api/v1/components/route";
import * as incidentsRoute from "@/app/api/v1/incidents/route";
import * as statuspageRoute from "@/app/api/v1/pages/[pageId]/incidents/route";
import { createApiKeyInput } from "@/services/api-keys";
import { createComponentBody, createGroupBody } from "@/services/api/v1/component-endpoints";
import { cancelBody, resolveBody, rescheduleBody } from "@/services/api/v1/endpoints";
import { resetRateLimitsForTests } from "@/services/api/v1/rate-limit";
import { apiClient, closeApiTestDatabase, openApiTestDatabase } from "@/services/api/v1/test-client";
import { description, name as consoleName } from "@/services/console/fields";
import { settingsSchema } from "@/services/console/settings";
import { recurrenceInput } from "@/services/incidents/recurrence";
import {
  addUpdateInput,
  cancelInput,
  createIncidentInput,
  editUpdateInput,
  postmortemInput,
  scheduleMaintenanceInput,
} from "@/services/incidents/schemas";
import { templateInput } from "@/services/incidents/templates";
import { subscribeSchema } from "@/services/subscriptions/subscribe";
import { parseWebhookUrl } from "@/services/webhooks/url-guard";
import { multiLine, singleLine, textCharacterProblem } from "./text-input";
import { z as zod } from "zod";

/** Refused everywhere. */
const ALWAYS = [
  "\u0000",
  "\u0001",
  "\u0008",
  "\u000b",
  "\u000c",
  "\u001b",
  "\u001f",
  "\u007f",
  "\ufffe",
  "\uffff",
  "\ud800",
  "\udfff",
];
/** Refused in one-line values only. */
const LINE_BREAKS = ["\t", "\n", "\r", "\r\n"];

describe("textCharacterProblem", () => {
  it("names the character and where it is", () => {
    expect(textCharacterProblem("VPN\u0001 down", false)).toBe(
      "Remove the control character U+0001 at character 4: it cannot be shown or sent.",
    );
    expect(textCharacterProblem("VPN\ndown", false)).toBe("Keep this on one line: remove a line break at character 4.");
    expect(textCharacterProblem("VPN\ndown\tnow", true)).toBeNull();
    expect(textCharacterProblem("ok \u00e9 \u{1F600} \u4e2d", false)).toBeNull();
  });

  it("multiLine stores CRLF and CR as LF; singleLine refuses them", () => {
    expect(multiLine(zod.string()).parse("a\r\nb\rc\n\td")).toBe("a\nb\nc\n\td");
    expect(singleLine(zod.string()).safeParse("a\r\nb").success).toBe(false);
  });
});

type Entry = [label: string, schema: z.ZodType, valid: Record<string, unknown>, field: string, multiline: boolean];
const T = 1_900_000_000_000;
const consoleSettings = { name: "Page", timeZone: "Etc/UTC", accentColor: "#2563eb", staleIncidentMinutes: "60" };
const ENTRY_POINTS: Entry[] = [
  ["incident name", createIncidentInput, { name: "VPN", message: "m" }, "name", false],
  ["incident message", createIncidentInput, { name: "VPN", message: "m" }, "message", true],
  ["update message", addUpdateInput, { status: "identified", message: "m" }, "message", true],
  ["edited update", editUpdateInput, { message: "m" }, "message", true],
  ["postmortem", postmortemInput, { body: "m" }, "body", true],
  [
    "maintenance name",
    scheduleMaintenanceInput,
    { name: "n", message: "m", scheduledFor: T, scheduledUntil: T + 1 },
    "name",
    false,
  ],
  [
    "maintenance message",
    scheduleMaintenanceInput,
    { name: "n", message: "m", scheduledFor: T, scheduledUntil: T + 1 },
    "message",
    true,
  ],
  ["cancellation message", cancelInput, { message: "m" }, "message", true],
  ["template name", templateInput, { name: "n", title: "t", body: "b" }, "name", false],
  ["template title", templateInput, { name: "n", title: "t", body: "b" }, "title", false],
  ["template body", templateInput, { name: "n", title: "t", body: "b" }, "body", true],
  [
    "recurrence name",
    recurrenceInput,
    { name: "n", message: "m", rule: "FREQ=WEEKLY", startTime: "02:00", durationMinutes: 60 },
    "name",
    false,
  ],
  [
    "recurrence message",
    recurrenceInput,
    { name: "n", message: "m", rule: "FREQ=WEEKLY", startTime: "02:00", durationMinutes: 60 },
    "message",
    true,
  ],
  [
    "recurrence rule",
    recurrenceInput,
    { name: "n", message: "m", rule: "FREQ=WEEKLY", startTime: "02:00", durationMinutes: 60 },
    "rule",
    false,
  ],
  ["page name (console)", settingsSchema, consoleSettings, "name", false],
  ["page address (console)", settingsSchema, { ...consoleSettings, url: "https://example.org" }, "url", false],
  ["footer (console)", settingsSchema, { ...consoleSettings, footerText: "f" }, "footerText", true],
  ["about (console)", settingsSchema, { ...consoleSettings, aboutText: "a" }, "aboutText", true],
  ["service or group name (console)", zod.object({ name: consoleName }), { name: "n" }, "name", false],
  ["service or group description (console)", zod.object({ description }), { description: "d" }, "description", true],
  ["API key name", createApiKeyInput, { name: "n", role: "read" }, "name", false],
  ["component name (API)", createComponentBody, { name: "n" }, "name", false],
  ["component description (API)", createComponentBody, { name: "n", description: "d" }, "description", true],
  ["group name (API)", createGroupBody, { name: "n" }, "name", false],
  ["resolve message (API)", resolveBody, { message: "m" }, "message", true],
  [
    "reschedule message (API)",
    rescheduleBody,
    { scheduledFor: "2030-01-01T00:00:00Z", scheduledUntil: "2030-01-01T01:00:00Z", message: "m" },
    "message",
    true,
  ],
  ["cancel message (API)", cancelBody, { message: "m" }, "message", true],
  ["subscriber email", subscribeSchema, { email: "a@example.org", mode: "all" }, "email", false],
];

describe.each(ENTRY_POINTS)("%s", (_label, schema, valid, field, multiline) => {
  const withChar = (char: string) => ({ ...valid, [field]: `a${char}b` });
  it("accepts the valid input", () => expect(schema.safeParse(valid).error).toBeUndefined());
  it.each(multiline ? ALWAYS : [...ALWAYS, ...LINE_BREAKS])("refuses %j with a message on that field", (char) => {
    const result = schema.safeParse(withChar(char));
    expect(result.success).toBe(false);
    const fieldErrors = zod.flattenError(result.error!).fieldErrors as Record<string, string[]>;
    expect(fieldErrors[field]?.[0]).toBeTruthy();
  });
  if (multiline) {
    it("keeps tab and newline, storing CRLF as LF", () => {
      const parsed = schema.parse({ ...valid, [field]: "a\r\n\tb\rc" }) as Record<string, unknown>;
      expect(parsed[field]).toBe("a\n\tb\nc");
    });
  }
});

describe("webhook URL", () => {
  it("refuses control characters before the URL parser can drop them", () => {
    for (const char of ["\t", "\n", "\r", "\u0000", "\u001f"]) {
      const r = parseWebhookUrl(`https://exa${char}mple.com/hook`);
      expect(r.ok, JSON.stringify(char)).toBe(false);
    }
  });
});

describe("through the management API", () => {
  let keys: Record<"read" | "editor" | "admin" | "revoked", string>;
  let pageId: string;
  const { call } = apiClient(() => keys.admin);
  beforeAll(() => ({ keys, pageId } = openApiTestDatabase()));
  afterAll(closeApiTestDatabase);
  beforeEach(() => resetRateLimitsForTests());

  it("answers 422 naming the field and the character, and writes nothing", async () => {
    const incident = await call(incidentsRoute.POST, {
      path: "/api/v1/incidents",
      docPath: "/api/v1/incidents",
      body: { name: "VPN\u0000down", message: "ok" },
    });
    expect(incident).toMatchObject({
      status: 422,
      json: { error: { code: "validation_failed", fields: { name: expect.stringContaining("U+0000") } } },
    });
    const message = await call(incidentsRoute.POST, {
      path: "/api/v1/incidents",
      docPath: "/api/v1/incidents",
      body: { name: "VPN", message: "a\u000bb" },
    });
    expect(message.json.error.fields.message).toContain("U+000B");
    const component = await call(componentsRoute.POST, {
      path: "/api/v1/components",
      docPath: "/api/v1/components",
      body: { name: "Mail\u001f" },
    });
    expect(component.json.error.fields.name).toContain("U+001F");
    const statuspage = await call(statuspageRoute.POST, {
      path: `/api/v1/pages/${pageId}/incidents`,
      docPath: "/api/v1/pages/{pageId}/incidents",
      params: { pageId },
      body: { incident: { name: "x\u0001", body: "y" } },
    });
    expect(statuspage.status).toBe(422);
    const list = await call(incidentsRoute.GET, {
      path: "/api/v1/incidents",
      docPath: "/api/v1/incidents",
      key: keys.read,
    });
    expect(list.json.incidents).toEqual([]);
  });
});
