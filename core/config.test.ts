import { describe, expect, it } from "vitest";
import { parseConfig } from "./config";

describe("parseConfig", () => {
  it("works with no variables at all", () => {
    const config = parseConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe("127.0.0.1");
    expect(config.databasePath).toMatch(/data\/status\.db$/);
    expect(config.publicUrl).toBe("http://localhost:3000");
    expect(config.pageTimeZone).toBe("Etc/UTC");
    expect(config.resendApiKey).toBeUndefined();
    expect(config.seedDemo).toBe(true);
    expect(config.emailRetentionDays).toBe(30);
  });

  it("SMS: all three Twilio variables or none, each checked, the token never echoed", () => {
    expect(parseConfig({}).twilio).toBeNull();
    const sid = "AC" + "a".repeat(32);
    expect(
      parseConfig({ TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: "t".repeat(32), TWILIO_FROM: "+15005550006" }).twilio,
    ).toEqual({ accountSid: sid, authToken: "t".repeat(32), from: "+15005550006", baseUrl: null });
    expect(() => parseConfig({ TWILIO_ACCOUNT_SID: sid })).toThrow(/set all three of TWILIO_ACCOUNT_SID/);
    expect(() =>
      parseConfig({ TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: "t".repeat(32), TWILIO_FROM: "12345" }),
    ).toThrow(/TWILIO_FROM must be an E.164 number/);
    expect(() =>
      parseConfig({ TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: "short-secret", TWILIO_FROM: "+15005550006" }),
    ).toThrow(/^(?!.*short-secret).*TWILIO_AUTH_TOKEN/);
  });

  it("treats empty strings as unset", () => {
    expect(parseConfig({ PORT: "", RESEND_API_KEY: "", PAGE_TIME_ZONE: " " })).toMatchObject({
      port: 3000,
      pageTimeZone: "Etc/UTC",
    });
  });

  it("reads every variable", () => {
    const config = parseConfig({
      PORT: "8080",
      HOST: "0.0.0.0",
      DATABASE_PATH: "/var/services/status/db.sqlite",
      PUBLIC_URL: "https://status.example.org/",
      PAGE_TIME_ZONE: "Europe/Berlin",
      RESEND_API_KEY: "re_123",
      EMAIL_FROM: "IT Status <status@example.org>",
      ADMIN_EMAIL: "Boss@Example.org",
      ADMIN_PASSWORD: "a-long-enough-password",
      SEED_DEMO: "false",
      EMAIL_RETENTION_DAYS: "90",
    });
    expect(config).toMatchObject({
      port: 8080,
      host: "0.0.0.0",
      databasePath: "/var/services/status/db.sqlite",
      publicUrl: "https://status.example.org",
      pageTimeZone: "Europe/Berlin",
      resendApiKey: "re_123",
      emailFrom: "IT Status <status@example.org>",
      adminEmail: "boss@example.org",
      seedDemo: false,
      emailRetentionDays: 90,
    });
  });

  it.each([
    [{ PORT: "abc" }, /^Invalid configuration: PORT must be a whole number between 1 and 65535 \(got "abc"\)$/],
    [{ PORT: "70000" }, /PORT must be between 1 and 65535/],
    [{ PAGE_TIME_ZONE: "Mars/Olympus_Mons" }, /PAGE_TIME_ZONE must be an IANA time zone.*\(got "Mars\/Olympus_Mons"\)/],
    [{ PUBLIC_URL: "status.example.org" }, /PUBLIC_URL must be an absolute http\(s\) URL/],
    [{ PUBLIC_URL: "ftp://status.example.org" }, /PUBLIC_URL must be an absolute http\(s\) URL/],
    [{ ADMIN_EMAIL: "nobody" }, /ADMIN_EMAIL must be an email address/],
    [{ ADMIN_PASSWORD: "short" }, /ADMIN_PASSWORD must be at least 12 characters/],
    [{ EMAIL_FROM: "not an address" }, /EMAIL_FROM must be an address/],
    [{ SEED_DEMO: "maybe" }, /SEED_DEMO must be one of/],
    [{ EMAIL_RETENTION_DAYS: "thirty" }, /EMAIL_RETENTION_DAYS must be a whole number of days/],
    [{ EMAIL_RETENTION_DAYS: "0" }, /EMAIL_RETENTION_DAYS must be between 1 and 3650/],
  ])("rejects %j with one line naming the variable", (env, message) => {
    expect(() => parseConfig(env)).toThrow(message);
    try {
      parseConfig(env);
    } catch (err) {
      expect((err as Error).message).not.toContain("\n");
    }
  });

  it("names every bad variable at once", () => {
    expect(() => parseConfig({ PORT: "x", PAGE_TIME_ZONE: "Nowhere" })).toThrow(/PORT .*; PAGE_TIME_ZONE /);
  });
});

describe("secret variables", () => {
  it("are validated but never echoed in the error", () => {
    expect(() => parseConfig({ RESEND_WEBHOOK_SECRET: "not-a-secret-value" })).toThrow(
      /^Invalid configuration: RESEND_WEBHOOK_SECRET must be the whsec_/,
    );
    // The page name becomes email subjects: one line only (core/text-input.ts).
    expect(() => parseConfig({ PAGE_NAME: "Example\r\nBcc: x@example.net" })).toThrow(
      /^Invalid configuration: PAGE_NAME Keep this on one line/,
    );
    expect(() => parseConfig({ RESEND_WEBHOOK_SECRET: "not-a-secret-value" })).not.toThrow(/not-a-secret-value/);
    expect(() => parseConfig({ ADMIN_PASSWORD: "short-pw" })).not.toThrow(/short-pw/);
    expect(parseConfig({ RESEND_WEBHOOK_SECRET: "whsec_c2VjcmV0" }).resendWebhookSecret).toBe("whsec_c2VjcmV0");
  });
});
