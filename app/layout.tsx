import type { Metadata, Viewport } from "next";
import "./globals.css";

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

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh bg-white font-sans text-slate-900 antialiased dark:bg-[#0b1120] dark:text-slate-100">
        {children}
        {/* The only script the public pages keep (server.ts drops the framework's): local times, uptime tooltips. */}
        <script src="/page.js" defer data-keep="" />
      </body>
    </html>
  );
}
