import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { componentUpdatePayloadSchema, incidentPayloadSchema } from "@/services/api/schemas";
import { componentUpdateExample, incidentExample, VERIFY_SNIPPET } from "./docs";
import { signPayload } from "./signature";

describe("the webhook documentation", () => {
  it("shows example payloads that match the strict payload schemas", () => {
    componentUpdatePayloadSchema.parse(JSON.parse(componentUpdateExample("https://status.example.org")));
    incidentPayloadSchema.parse(JSON.parse(incidentExample("https://status.example.org")));
  });

  it("has a verification snippet that really accepts our signatures and refuses tampered or stale ones", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verify-snippet-"));
    const file = path.join(dir, "verify-status-webhook.mjs");
    fs.writeFileSync(file, VERIFY_SNIPPET);
    const { verifyStatusWebhook } = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as {
      verifyStatusWebhook: (secret: string, raw: string, header: string | undefined, tolerance?: number) => boolean;
    };
    const secret = "whsec_docs";
    const body = componentUpdateExample("https://status.example.org");
    const now = Math.floor(Date.now() / 1000);
    expect(verifyStatusWebhook(secret, body, signPayload(secret, body, now))).toBe(true);
    expect(verifyStatusWebhook(secret, body.replace("Webmail", "Webmai1"), signPayload(secret, body, now))).toBe(false);
    expect(verifyStatusWebhook("whsec_other", body, signPayload(secret, body, now))).toBe(false);
    expect(verifyStatusWebhook(secret, body, signPayload(secret, body, now - 600))).toBe(false);
    expect(verifyStatusWebhook(secret, body, signPayload(secret, body, now - 600), 900)).toBe(true);
    expect(verifyStatusWebhook(secret, body, undefined)).toBe(false);
    expect(verifyStatusWebhook(secret, body, "t=abc,v1=def")).toBe(false);
  });

  it("the README shows the same verification code", () => {
    const readme = fs.readFileSync(path.join(process.cwd(), "README.md"), "utf8");
    const code = VERIFY_SNIPPET.split("\n").filter(
      (line) => line.trim() && !line.trim().startsWith("// rawBody") && !line.trim().startsWith("// header"),
    );
    for (const line of code) expect(readme).toContain(line);
  });
});
