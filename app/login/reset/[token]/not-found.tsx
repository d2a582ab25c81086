import Link from "next/link";

// What a used, replaced, expired or mistyped reset link shows (with a 404).
export default function ResetLinkNotFound() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-bold">This reset link is no longer valid</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        It was used already, replaced by a newer one, or it expired (links work for 30 minutes). Ask for a new one.
      </p>
      <Link href="/login/forgot" className="mt-6 font-medium underline">
        Ask for a new link
      </Link>
    </main>
  );
}
