import type { Metadata, Viewport } from "next";
import "./globals.css";
import { localeDir } from "@/core/i18n/locales";
import { publicLocale } from "@/services/i18n/request";

export const metadata: Metadata = {
  title: { default: "Status", template: "%s" },
};

export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0b1120" },
  ],
};

// lang and dir from the URL's language (proxy.ts): a public page in Arabic is <html lang="ar" dir="rtl">;
// the console and everything without language versions stay English.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const { locale } = await publicLocale();
  return (
    <html lang={locale} dir={localeDir(locale)}>
      <body className="min-h-dvh bg-white font-sans text-slate-900 antialiased dark:bg-[#0b1120] dark:text-slate-100">
        {children}
        {/* The only script the public pages keep (server.ts drops the framework's): local times, uptime tooltips. */}
        <script src="/page.js" defer data-keep="" />
      </body>
    </html>
  );
}
