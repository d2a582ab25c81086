// The chat sign-up form renders its fixed words in the visitor's language (server-resolved, passed down), and
// carries that language in its hidden field; platform names and URLs stay as they are.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ChatSubscribeForm } from "./chat-form";
import { chatFormText } from "./chat-form-text";

const render = (locale: "en" | "de" | "ar") =>
  renderToStaticMarkup(<ChatSubscribeForm choices={[]} locale={locale} text={chatFormText(locale)} />);

describe("ChatSubscribeForm", () => {
  it("is in German with locale de", () => {
    const html = render("de");
    expect(html).toContain("Posten in");
    expect(html).toContain("Webhook-URL");
    expect(html).toContain("Kanal verbinden");
    expect(html).toContain("Discord: Servereinstellungen › Integrationen › Webhooks");
    expect(html).toContain('name="language" value="de"');
    expect(html).not.toContain("Connect channel");
  });

  it("is in Arabic with locale ar", () => {
    const html = render("ar");
    expect(html).toContain("ربط القناة");
    expect(html).toContain("الخدمات التي أختارها أدناه فقط");
    expect(html).toContain('name="language" value="ar"');
  });

  it("keeps the English words for English", () => {
    expect(render("en")).toContain("Connect channel");
    expect(chatFormText("de").connectedHeading.teams).toBe("Microsoft Teams-Kanal verbunden");
  });
});
