// Proves the layer rules in eslint.config.mjs bite: small sources linted at virtual paths in the tree, with
// the project's real configuration. Each forbidden import must be an error; the allowed ones must not.
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, "eslint.config.mjs") });

/** The layer errors (and only those) ESLint reports for `code` placed at `file`. */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports").map((m) => m.message);
}

const forbidden: [string, string, string, RegExp][] = [
  [
    "db/ importing a service",
    "db/writes/fixture.ts",
    `import { webhookEvent } from "@/services/webhooks/payloads";\nexport const x = webhookEvent;\n`,
    /db\/ imports only db\/ and the core/,
  ],
  [
    "db/ importing a service by a relative path",
    "db/queries/fixture.ts",
    `import { apiContext } from "../../services/api/v2";\nexport const x = apiContext;\n`,
    /db\/ imports only/,
  ],
  [
    "db/ importing a component",
    "db/queries/fixture.ts",
    `import { Markdown } from "@/components/markdown";\nexport const x = Markdown;\n`,
    /db\/ imports only/,
  ],
  [
    "a component importing db/ code",
    "components/fixture.tsx",
    `import { getHomePage } from "@/db/queries/home-page";\nexport const x = getHomePage;\n`,
    /Components never import db\//,
  ],
  [
    "a component importing db/index",
    "components/fixture.tsx",
    `import { getDb } from "@/db";\nexport const x = getDb;\n`,
    /Components never import db\//,
  ],
  [
    "a service importing drizzle",
    "services/webhooks/fixture.ts",
    `import { eq } from "drizzle-orm";\nexport const x = eq;\n`,
    /Only db\/ writes SQL/,
  ],
  [
    "a route importing drizzle",
    "app/api/fixture/route.ts",
    `import { sql } from "drizzle-orm";\nexport const x = sql;\n`,
    /Only db\/ writes SQL/,
  ],
  [
    "the server importing drizzle",
    "server.ts",
    `import { sql } from "drizzle-orm";\nexport const x = sql;\n`,
    /Only db\/ writes SQL/,
  ],
  [
    "a service importing resend",
    "services/notifications/fixture.ts",
    `import { Resend } from "resend";\nexport const x = Resend;\n`,
    /Only the mailer/,
  ],
  [
    "a notification module importing twilio",
    "services/notifications/fixture.ts",
    `import twilio from "twilio";\nexport const x = twilio;\n`,
    /Only the SMS sender/,
  ],
  [
    "db/ importing resend",
    "db/writes/fixture.ts",
    `import { Resend } from "resend";\nexport const x = Resend;\n`,
    /Only the mailer/,
  ],
  [
    "the core importing a service",
    "core/fixture.ts",
    `import { sendBatch } from "@/services/mail/send";\nexport const x = sendBatch;\n`,
    /The core imports nothing of ours/,
  ],
  [
    "the core importing db/ code",
    "core/time.ts",
    `import { getDb } from "@/db";\nexport const x = getDb;\n`,
    /The core imports nothing of ours/,
  ],
  [
    "the core importing drizzle",
    "core/fixture.ts",
    `import { eq } from "drizzle-orm";\nexport const x = eq;\n`,
    /Only db\/ writes SQL/,
  ],
  [
    "db/constants importing anything",
    "db/constants.ts",
    `import { MINUTE } from "@/core/time";\nexport const x = MINUTE;\n`,
    /db\/constants.ts imports nothing/,
  ],
  [
    "a constants file importing the core",
    "db/constants/statuses.ts",
    `import { MINUTE } from "@/core/time";\nexport const x = MINUTE;\n`,
    /db\/constants\/ imports nothing/,
  ],
  [
    "a constants file importing the schema by a relative path",
    "db/constants/statuses.ts",
    `import { pages } from "../schema";\nexport const x = pages;\n`,
    /db\/constants\/ imports nothing/,
  ],
  [
    "the constants index re-exporting something else",
    "db/constants.ts",
    `export * from "./schema";\n`,
    /db\/constants.ts imports nothing/,
  ],
  [
    "a service importing a component's type",
    "services/console/fixture.ts",
    `import type { PickerGroup } from "@/components/admin/service-status-picker";\nexport type X = PickerGroup;\n`,
    /services\/ never imports components\//,
  ],
];

const allowed: [string, string, string][] = [
  [
    "db/ importing the core and drizzle",
    "db/writes/fixture.ts",
    `import { eq } from "drizzle-orm";\nimport { newId } from "@/core/ids";\nimport { pageStatus } from "@/core/status";\nexport const x = [eq, newId, pageStatus];\n`,
  ],
  [
    "a component importing constants, a db type and the core",
    "components/fixture.tsx",
    `import { COMPONENT_STATUS_LABELS } from "@/db/constants";\nimport type { HomePage } from "@/db/queries/home-page";\nimport { visibleComponent } from "@/core/status";\nexport const x: [typeof COMPONENT_STATUS_LABELS, HomePage | null, typeof visibleComponent] = [COMPONENT_STATUS_LABELS, null, visibleComponent];\n`,
  ],
  [
    "the mailer importing resend",
    "services/mail/send.ts",
    `import { Resend } from "resend";\nexport const x = Resend;\n`,
  ],
  [
    "the SMS sender importing twilio",
    "services/sms/twilio.ts",
    `import twilio from "twilio";\nexport const x = twilio;\n`,
  ],
  [
    "a service importing db/",
    "services/webhooks/fixture.ts",
    `import { loadIncidentBundles } from "@/db/queries/public-api";\nexport const x = loadIncidentBundles;\n`,
  ],
  [
    "the core importing the core and constants",
    "core/fixture.ts",
    `import { COMPONENT_STATUSES } from "@/db/constants";\nimport { DAY } from "@/core/time";\nimport { incidentImpact } from "./status";\nexport const x = [COMPONENT_STATUSES, DAY, incidentImpact];\n`,
  ],
  [
    "a test setting up data with drizzle",
    "services/webhooks/fixture.test.ts",
    `import { eq } from "drizzle-orm";\nexport const x = eq;\n`,
  ],
  [
    "the constants index re-exporting its parts",
    "db/constants.ts",
    `export * from "./constants/statuses";\nexport { LIMITS } from "./constants/limits";\n`,
  ],
  ["an e2e fixture using drizzle", "e2e/fixture.ts", `import { eq } from "drizzle-orm";\nexport const x = eq;\n`],
];

// The first lint loads the whole configuration and its plugins (seconds on a busy machine), hence the timeout.
describe("the layer rules", { timeout: 60_000 }, () => {
  it.each(forbidden)("refuse %s", async (_name, file, code, message) => {
    const errors = await layerErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each(allowed)("allow %s", async (_name, file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});
