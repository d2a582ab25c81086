// The public side in every language: each language at its own cacheable URL (/de/..., /ar/...), the right
// <html lang dir> and hreflang alternates, a language menu that works without JavaScript, Arabic mirrored,
// unknown languages 404, and forms that carry the visitor's language. Screenshots in e2e/.artifacts/.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { LOCALES } from "@/core/i18n/locales";
import { like } from "drizzle-orm";
import { rateLimits } from "@/db/schema";
import { forgetSignUpLimits } from "./fixtures";
import { expect, test } from "./public-fixtures";

async function contextFor(
  browser: Browser,
  baseURL: string,
  options: { width: number; colorScheme: "light" | "dark"; javaScriptEnabled?: boolean },
) {
  return browser.newContext({
    baseURL,
    viewport: { width: options.width, height: 800 },
    colorScheme: options.colorScheme,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
}

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function sideways(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test.describe("languages on the public side", () => {
  test("German and Arabic home and incident pages: lang, dir, words, axe-clean at 320/375 px and desktop, light and dark", async ({
    browser,
    baseURL,
    makeService,
    makeIncident,
    unique,
    snapshot,
  }) => {
    test.setTimeout(180_000);
    const service = makeService(unique("Anmeldung und Authentifizierungsdienst"));
    const name = unique("Login slow");
    const id = makeIncident({
      name,
      componentIds: [service],
      updates: [{ status: "investigating", body: "We are looking into it.", set: "degraded_performance" }],
    });
    const cases = [
      { locale: "de", dir: "ltr", services: "Dienste", updates: "Updates" },
      { locale: "ar", dir: "rtl", services: "الخدمات", updates: "التحديثات" },
    ] as const;
    for (const c of cases) {
      for (const colorScheme of ["light", "dark"] as const) {
        for (const width of [320, 375, 1280]) {
          const context = await contextFor(browser, baseURL!, { width, colorScheme });
          const page = await context.newPage();
          await page.goto(`/${c.locale}`);
          await expect(page.locator("html")).toHaveAttribute("lang", c.locale);
          await expect(page.locator("html")).toHaveAttribute("dir", c.dir);
          await expect(page.getByRole("heading", { name: c.services, exact: true })).toBeVisible();
          // Admin-written text is shown as written.
          await expect(page.getByRole("link", { name }).first()).toHaveAttribute(
            "href",
            `/${c.locale}/incidents/${id}`,
          );
          expect(await sideways(page), `/${c.locale} at ${width} px`).toBeLessThanOrEqual(0);
          expect(await axeViolations(page), `/${c.locale} ${width} ${colorScheme}`).toEqual([]);
          if (width !== 320) await snapshot(page, `languages-${c.locale}-home-${width}-${colorScheme}`);

          await page.goto(`/${c.locale}/incidents/${id}`);
          await expect(page.locator("html")).toHaveAttribute("dir", c.dir);
          await expect(page.getByRole("heading", { name: c.updates, exact: true })).toBeVisible();
          await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
          expect(await sideways(page), `incident in ${c.locale} at ${width} px`).toBeLessThanOrEqual(0);
          expect(await axeViolations(page), `incident ${c.locale} ${width} ${colorScheme}`).toEqual([]);
          if (width !== 320) await snapshot(page, `languages-${c.locale}-incident-${width}-${colorScheme}`);
          await context.close();
        }
      }
    }
  });

  test("hreflang alternates for every language plus x-default; the console stays English", async ({ page }) => {
    await page.goto("/de/history");
    const alternates = await page
      .locator('head link[rel="alternate"][hreflang]')
      .evaluateAll((links) =>
        links.map((l) => [l.getAttribute("hreflang"), new URL(l.getAttribute("href")!, location.href).pathname]),
      );
    expect(alternates).toEqual([
      ...LOCALES.map((l) => [l, l === "en" ? "/history" : `/${l}/history`]),
      ["x-default", "/history"],
    ]);
    await expect(page).toHaveTitle(/Störungsverlauf/);
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });

  test("the language menu switches language with JavaScript off, by keyboard, and marks the current one", async ({
    browser,
    baseURL,
  }) => {
    const context = await contextFor(browser, baseURL!, { width: 375, colorScheme: "light", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/history");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    const summary = page.locator("[data-language-menu] summary");
    await summary.focus();
    await page.keyboard.press("Enter");
    const menu = page.getByRole("navigation", { name: "Language" });
    await expect(menu.getByRole("link", { name: "English" })).toHaveAttribute("aria-current", "true");
    await menu.getByRole("link", { name: "Deutsch" }).click();
    await expect(page).toHaveURL(/\/de\/history$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.getByRole("heading", { name: "Störungsverlauf", level: 1 })).toBeVisible();
    await page.locator("[data-language-menu] summary").click();
    const german = page.getByRole("navigation", { name: "Sprache" });
    await expect(german.getByRole("link", { name: "Deutsch" })).toHaveAttribute("aria-current", "true");
    await german.getByRole("link", { name: "العربية" }).click();
    await expect(page).toHaveURL(/\/ar\/history$/);
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await context.close();
  });

  test("unknown languages are 404; the default language's prefix redirects; each language is cached apart", async ({
    request,
    page,
  }) => {
    // "/xx/" first loses its trailing slash (Next's own 308), then is a 404 like "/xx".
    for (const path of ["/xx", "/xx/", "/pt-br", "/pt-br/history", "/xx/history", "/de/admin"]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(404);
    }
    await page.goto("/de/admin");
    await expect(page.getByRole("heading", { name: "Diese Seite gibt es nicht" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "de");

    const redirect = await request.get("/en/history?page=2", { maxRedirects: 0 });
    expect(redirect.status()).toBe(308);
    expect(redirect.headers()["location"]).toBe("/history?page=2");

    await request.get("/fr");
    const french = await request.get("/fr");
    expect(french.headers()["x-cache"]).toBe("HIT");
    expect(french.headers()["vary"]).toBe("Accept-Encoding");
    expect(await french.text()).toContain('lang="fr"');
    // A visitor cannot choose the language of the unprefixed URL by sending the proxy's own header.
    const spoofed = await request.get("/", { headers: { "x-status-locale": "ja" } });
    expect(await spoofed.text()).toContain('lang="en"');
  });

  test("a German subscribe posts language=de, with and without JavaScript", async ({ browser, baseURL, unique }) => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await contextFor(browser, baseURL!, { width: 1280, colorScheme: "light", javaScriptEnabled });
      const page = await context.newPage();
      await page.goto("/de/subscribe");
      await expect(page.getByRole("heading", { level: 1 })).toContainText("per E-Mail erhalten");
      await page.getByLabel("E-Mail-Adresse").fill(`${unique("lang").replace(/\W+/g, "-")}@example.com`);
      const posted = page.waitForRequest((r) => r.method() === "POST");
      await page.getByRole("button", { name: "Abonnieren" }).click();
      const body = (await posted).postData() ?? "";
      // React prefixes a progressively enhanced action's field names ("_1_language").
      expect(body).toMatch(/name="(?:_\d+_)?language"\r\n\r\nde\r\n/);
      await expect(page.getByRole("heading", { name: "Sehen Sie in Ihr Postfach" })).toBeVisible({ timeout: 15_000 });
      await context.close();
    }
  });
  test("the email sign-up's refusal in German and Arabic, with and without JavaScript", async ({
    browser,
    baseURL,
    db,
  }) => {
    const cases = [
      {
        locale: "de",
        label: "E-Mail-Adresse",
        submit: "Abonnieren",
        text: "Geben Sie eine gültige E-Mail-Adresse ein, etwa name@example.com.",
      },
      {
        locale: "ar",
        label: "عنوان البريد الإلكتروني",
        submit: "اشترك",
        text: "أدخل عنوان بريد إلكتروني صالحًا، مثل name@example.com.",
      },
    ];
    for (const c of cases) {
      for (const javaScriptEnabled of [true, false]) {
        const context = await contextFor(browser, baseURL!, { width: 375, colorScheme: "dark", javaScriptEnabled });
        const page = await context.newPage();
        await page.goto(`/${c.locale}/subscribe`);
        await page.getByLabel(c.label, { exact: true }).fill("not-an-address");
        forgetSignUpLimits(db);
        await page.getByRole("button", { name: c.submit }).click();
        await expect(page.locator("#email-error")).toHaveText(c.text, { timeout: 15_000 });
        await expect(page.locator("html")).toHaveAttribute("lang", c.locale);
        expect(await sideways(page)).toBeLessThanOrEqual(0);
        if (!javaScriptEnabled)
          await page.screenshot({
            path: `e2e/.artifacts/subscribe-email-error-${c.locale}-375-dark.png`,
            fullPage: true,
          });
        await context.close();
      }
    }
  });

  test("webhook and chat sign-up refusals in German and Arabic without JavaScript", async ({
    browser,
    baseURL,
    db,
  }) => {
    test.setTimeout(120_000);
    const cases = [
      {
        locale: "de",
        via: "webhook",
        url: "https://192.168.10.20/hook",
        label: "Webhook-URL",
        submit: "Webhook registrieren",
        error: "#url-error",
        text: "Diese URL verweist auf eine private, lokale oder reservierte Netzwerkadresse",
      },
      {
        locale: "ar",
        via: "webhook",
        url: "ftp://192.0.2.1/x",
        label: "عنوان URL للـ Webhook",
        submit: "تسجيل الـ Webhook",
        error: "#url-error",
        text: "لا تستقبل الـ Webhooks إلا عناوين URL",
      },
      {
        locale: "de",
        via: "chat",
        url: "https://discord.com/api/webhooks/1/x",
        label: "Webhook-URL",
        submit: "Kanal verbinden",
        error: "#chat-url-error",
        text: "Das ist eine Discord-URL: Wählen Sie oben Discord oder fügen Sie eine Slack-URL ein.",
      },
      {
        locale: "ar",
        via: "chat",
        url: "https://discord.com/api/webhooks/1/x",
        label: "عنوان URL للـ Webhook",
        submit: "ربط القناة",
        error: "#chat-url-error",
        text: "هذا عنوان URL خاص بـ Discord",
      },
    ];
    for (const c of cases) {
      for (const width of [375, 1280]) {
        const context = await contextFor(browser, baseURL!, { width, colorScheme: "dark", javaScriptEnabled: false });
        const page = await context.newPage();
        await page.goto(`/${c.locale}/subscribe?via=${c.via}`);
        await expect(page.locator("html")).toHaveAttribute("lang", c.locale);
        if (width === 375)
          await page.screenshot({ path: `e2e/.artifacts/subscribe-${c.via}-${c.locale}-375-dark.png`, fullPage: true });
        await page.getByLabel(c.label, { exact: true }).fill(c.url);
        // Every post here comes from 127.0.0.1, and the sign-ups allow three an hour per address.
        forgetSignUpLimits(db);
        db.delete(rateLimits).where(like(rateLimits.key, "chat:%")).run();
        await page.getByRole("button", { name: c.submit }).click();
        await expect(page.locator(c.error)).toContainText(c.text, { timeout: 15_000 });
        await expect(page.locator("html")).toHaveAttribute("lang", c.locale);
        expect(await sideways(page)).toBeLessThanOrEqual(0);
        await page.screenshot({
          path: `e2e/.artifacts/subscribe-${c.via}-error-${c.locale}-${width === 375 ? "375" : "desktop"}-dark.png`,
          fullPage: true,
        });
        await context.close();
      }
    }
  });

  test("the report-a-problem page in Arabic and German: lang, dir, words, per-field errors, axe-clean", async ({
    browser,
    baseURL,
  }) => {
    // Three pages with axe each on a shared, loaded machine.
    test.setTimeout(120_000);
    for (const javaScriptEnabled of [true, false]) {
      const context = await contextFor(browser, baseURL!, { width: 375, colorScheme: "dark", javaScriptEnabled });
      const page = await context.newPage();
      await page.goto("/ar/report-a-problem");
      await expect(page.locator("html")).toHaveAttribute("lang", "ar");
      await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("هل هناك شيء لا يعمل؟");
      await page.getByRole("button", { name: "إرسال البلاغ" }).click();
      await expect(page.locator("#service-error")).toHaveText("اختر الخدمة، أو «شيء آخر».", { timeout: 15_000 });
      await expect(page.locator("#problem-error")).toHaveText("اختر ما المشكلة.");
      await expect(page.locator("html")).toHaveAttribute("lang", "ar");
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      // axe is a script: it cannot run in a context with JavaScript off.
      if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
      if (javaScriptEnabled)
        await page.screenshot({ path: "e2e/.artifacts/report-a-problem-ar-375-dark.png", fullPage: true });
      await context.close();
    }
    const context = await contextFor(browser, baseURL!, { width: 1280, colorScheme: "dark" });
    const page = await context.newPage();
    await page.goto("/de/report-a-problem");
    await expect(page.getByLabel("Welcher Dienst?")).toBeVisible();
    await expect(page.getByRole("radio", { name: "Es ist sehr langsam" })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: "e2e/.artifacts/report-a-problem-de-desktop-dark.png", fullPage: true });
    await context.close();
  });
});
