// The webhook sign-up form renders its fixed words in the visitor's language (server-resolved, passed down),
// and carries that language in its hidden field.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { WebhookSubscribeForm } from "./webhook-form";
import { webhookFormText } from "./webhook-form-text";

const render = (locale: "en" | "de" | "ar") =>
  renderToStaticMarkup(<WebhookSubscribeForm choices={[]} locale={locale} text={webhookFormText(locale)} />);

describe("WebhookSubscribeForm", () => {
  it("is in German with locale de", () => {
    const html = render("de");
    expect(html).toContain("Webhook-URL");
    expect(html).toContain("Ihre E-Mail-Adresse (optional)");
    expect(html).toContain("Nur die Dienste, die ich unten auswähle");
    expect(html).toContain("Webhook registrieren");
    expect(html).toContain('name="language" value="de"');
    expect(html).not.toMatch(/Register webhook|Send events about|public internet/);
  });

  it("is in Arabic with locale ar", () => {
    const html = render("ar");
    expect(html).toContain("تسجيل الـ Webhook");
    expect(html).toContain('name="language" value="ar"');
  });

  it("keeps the English words for English, and marks code in the success text", () => {
    expect(render("en")).toContain("Register webhook");
    expect(webhookFormText("de").pinging).toContain("`X-Statuspage-Event: ping`");
  });
});
