import { describe, expect, it } from "vitest";
import { DISCORD, GOOGLE_CHAT, SLACK, TEAMS, toChatMarkup } from "./markup";

const SOURCE = [
  "We are **investigating** _slow_ logins on `mail.example.org`. See [the history](/history) or https://example.com/x.",
  "",
  "- first",
  "- second",
  "",
  "<script>alert(1)</script> [bad](javascript:alert(1)) 1 < 2 & 3 > 2",
].join("\n");

describe("Markdown to chat markup", () => {
  it("Slack mrkdwn: *bold*, _italic_, <url|text>, & < > escaped, same-site links made absolute", () => {
    const out = toChatMarkup(SOURCE, SLACK, "https://status.example.org");
    expect(out).toContain("We are *investigating* _slow_ logins on `mail.example.org`.");
    expect(out).toContain("<https://status.example.org/history|the history>");
    expect(out).toContain("<https://example.com/x|https://example.com/x>");
    expect(out).toContain("• first\n• second");
    // Raw HTML stays text and unsafe links stay text, as on the page.
    expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(out).not.toContain("<javascript");
    expect(out).toContain("1 &lt; 2 &amp; 3 &gt; 2");
  });

  it("Discord: **bold**, *italic*, [text](url), Markdown characters in text escaped", () => {
    const out = toChatMarkup(SOURCE, DISCORD, "https://status.example.org");
    expect(out).toContain("We are **investigating** *slow* logins on `mail.example.org`.");
    expect(out).toContain("[the history](https://status.example.org/history)");
    expect(out).toContain("- first\n- second");
    expect(out).toContain("\\[bad\\](javascript:alert(1))");
  });

  it("Teams: the Adaptive Card subset, code shown as text", () => {
    const out = toChatMarkup(SOURCE, TEAMS, "https://status.example.org");
    expect(out).toContain("We are **investigating** _slow_ logins on mail.example.org.");
    expect(out).toContain("[the history](https://status.example.org/history)");
    expect(out).toContain("- first\n- second");
  });

  it("Google Chat: the card HTML subset, everything else escaped", () => {
    const out = toChatMarkup(SOURCE, GOOGLE_CHAT, "https://status.example.org");
    expect(out).toContain("We are <b>investigating</b> <i>slow</i> logins on");
    expect(out).toContain('<a href="https://status.example.org/history">the history</a>');
    expect(out).toContain("• first<br>• second");
    expect(out).toContain("&lt;script&gt;");
    expect(out).not.toContain("<script>");
  });

  it("headings, ordered lists, quotes and code blocks", () => {
    const out = toChatMarkup("# Cause\n\n1. one\n2. two\n\n> quoted\n\n```\nx = 1\n```", SLACK);
    expect(out).toBe("*Cause*\n\n1. one\n2. two\n\n> quoted\n\n```x = 1\n```");
  });
});
