"use client";

import { useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { isLocale } from "@/core/i18n/locales";
import errors from "@/core/i18n/messages/errors";

const noChange = () => () => {};
/** The page's language from <html lang> (set on the server from the URL); English until hydrated. */
const pageLocale = () => {
  const lang = document.documentElement.lang;
  return isLocale(lang) ? lang : "en";
};

// Shown when a page fails to render. Plain links as well as the retry button: the public pages may be
// served without the framework's JavaScript, where only links work.
// Only this namespace's small JSON files ship to the browser, not the whole catalog.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = errors[useSyncExternalStore(noChange, pageLocale, () => "en" as const)];
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-24 text-center">
      <p className="text-sm font-semibold text-slate-600 dark:text-slate-400">{t.label}</p>
      <h1 className="mt-2 text-2xl font-bold">{t.title}</h1>
      <p className="mt-4 text-slate-700 dark:text-slate-300">{t.text}</p>
      <p className="mt-8 flex flex-wrap items-center justify-center gap-6">
        <Button variant="inverse" onClick={reset}>
          {t.retry}
        </Button>
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full reload is the point */}
        <a href="/" className="font-medium text-blue-700 underline underline-offset-2 dark:text-blue-400">
          {t.reload}
        </a>
      </p>
    </main>
  );
}
