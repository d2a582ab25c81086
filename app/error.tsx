"use client";

import { Button } from "@/components/ui/button";

// Shown when a page fails to render. Plain links as well as the retry button: the public pages may be
// served without the framework's JavaScript, where only links work.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-24 text-center">
      <p className="text-sm font-semibold text-slate-600 dark:text-slate-400">Error</p>
      <h1 className="mt-2 text-2xl font-bold">Something went wrong</h1>
      <p className="mt-4 text-slate-700 dark:text-slate-300">
        The status page could not be shown just now. Please try again in a moment.
      </p>
      <p className="mt-8 flex flex-wrap items-center justify-center gap-6">
        <Button variant="inverse" onClick={reset}>
          Try again
        </Button>
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full reload is the point */}
        <a href="/" className="font-medium text-blue-700 underline underline-offset-2 dark:text-blue-400">
          Reload the status page
        </a>
      </p>
    </main>
  );
}
