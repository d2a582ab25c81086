"use client";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1 className="text-2xl font-bold">Something went wrong</h1>
      <p className="mt-4 text-slate-700 dark:text-slate-300">
        The status page could not be shown just now. Please try again in a moment.
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-8 rounded-md bg-slate-900 px-4 py-2 font-medium text-white dark:bg-slate-100 dark:text-slate-900"
      >
        Try again
      </button>
    </main>
  );
}
