import Link from "next/link";

// Static on purpose (no database read): it also answers for unknown paths and must never fail itself.
export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-24 text-center">
      <p className="text-sm font-semibold text-slate-600 dark:text-slate-400">404</p>
      <h1 className="mt-2 text-2xl font-bold">This page does not exist</h1>
      <p className="mt-4 text-slate-700 dark:text-slate-300">
        The link may be old, or the incident may have been removed.
      </p>
      <p className="mt-8 flex flex-wrap justify-center gap-6 font-medium">
        <Link href="/" className="text-blue-700 underline underline-offset-2 dark:text-blue-400">
          Back to the status page
        </Link>
        <Link href="/history" className="text-blue-700 underline underline-offset-2 dark:text-blue-400">
          Incident history
        </Link>
      </p>
    </main>
  );
}
