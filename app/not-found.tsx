import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-24 text-center">
      <p className="text-sm font-semibold text-slate-600 dark:text-slate-400">404</p>
      <h1 className="mt-2 text-2xl font-bold">This page does not exist</h1>
      <p className="mt-4 text-slate-700 dark:text-slate-300">The link may be old, or the incident may have been removed.</p>
      <Link href="/" className="mt-8 inline-block font-medium text-blue-700 underline dark:text-blue-400">
        Back to the status page
      </Link>
    </main>
  );
}
