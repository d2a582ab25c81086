import { describe, expect, it } from "vitest";
import { CHAT_PLATFORM_LABELS, type ChatPlatform } from "@/db/constants";
import { chatUrlProblem, platformOfHost } from "./chat-hosts";

const problem = (platform: ChatPlatform, url: string, allowLoopback = false) =>
  chatUrlProblem(platform, new URL(url), CHAT_PLATFORM_LABELS, { allowLoopback });

describe("chat webhook hosts", () => {
  it("accepts each platform's documented incoming-webhook URLs", () => {
    expect(problem("slack", "https://hooks.slack.com/services/T0001/B0002/abcDEF123")).toBeNull();
    expect(
      problem(
        "teams",
        "https://prod-12.westeurope.logic.azure.com:443/workflows/0a1b2c/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=abc",
      ),
    ).toBeNull();
    expect(
      problem(
        "teams",
        "https://default0a1b.09.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/86ffea63/triggers/manual/paths/invoke?api-version=1&sig=abc",
      ),
    ).toBeNull();
    expect(problem("discord", "https://discord.com/api/webhooks/123456789/tok_en-X")).toBeNull();
    expect(problem("discord", "https://discordapp.com/api/v10/webhooks/123456789/token")).toBeNull();
    expect(problem("google_chat", "https://chat.googleapis.com/v1/spaces/AAAAxyz/messages?key=k&token=t")).toBeNull();
  });

  it("refuses a URL of another platform, naming that platform", () => {
    expect(problem("teams", "https://hooks.slack.com/services/T0001/B0002/abc")).toMatch(/This is a Slack URL/);
    expect(problem("slack", "https://discord.com/api/webhooks/1/x")).toMatch(/This is a Discord URL/);
  });

  it("refuses other hosts, look-alikes and retired Teams connectors", () => {
    expect(problem("slack", "https://hooks.slack.com.evil.example/services/T/B/X")).toMatch(/not a Slack webhook URL/);
    expect(problem("slack", "https://example.com/services/T/B/X")).toMatch(/not a Slack webhook URL/);
    expect(problem("teams", "https://logic.azure.com/workflows/a/triggers/manual/paths/invoke")).toMatch(
      /not a Microsoft Teams webhook URL/,
    );
    expect(problem("teams", "https://contoso.webhook.office.com/webhookb2/abc/IncomingWebhook/def/ghi")).toMatch(
      /not a Microsoft Teams webhook URL/,
    );
    expect(problem("discord", "https://evildiscord.com/api/webhooks/1/x")).toMatch(/not a Discord webhook URL/);
  });

  it("refuses the right host with the wrong scheme, port or path", () => {
    expect(problem("slack", "http://hooks.slack.com/services/T/B/X")).toMatch(/https:\/\//);
    expect(problem("slack", "https://hooks.slack.com:8443/services/T/B/X")).toMatch(/standard port/);
    expect(problem("slack", "https://hooks.slack.com/triggers/T/B/X")).toMatch(/not an incoming-webhook URL/);
    expect(problem("discord", "https://discord.com/api/users/@me")).toMatch(/not an incoming-webhook URL/);
    expect(problem("google_chat", "https://chat.googleapis.com/v1/spaces/AAA/members")).toMatch(
      /not an incoming-webhook URL/,
    );
  });

  it("lets loopback receivers through only with the test setting", () => {
    expect(problem("slack", "http://127.0.0.1:3131/slack", true)).toBeNull();
    expect(problem("discord", "http://[::1]:3131/d", true)).toBeNull();
    expect(problem("slack", "http://127.0.0.1:3131/slack", false)).toMatch(/not a Slack webhook URL/);
  });

  it("names the platform of a host", () => {
    expect(platformOfHost(new URL("https://chat.googleapis.com/x"))).toBe("google_chat");
    expect(platformOfHost(new URL("https://example.com/x"))).toBeNull();
  });
});
