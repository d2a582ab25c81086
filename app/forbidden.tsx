import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1 className="text-2xl font-bold">You do not have access to this page</h1>
      <p className="mt-4 text-slate-700 dark:text-slate-300">
        Your role does not include it. An owner of this status page can change your role.
      </p>
      <Link href="/admin" className="mt-8 inline-block font-medium text-blue-700 underline dark:text-blue-300">
        Back to the console
      </Link>
    </main>
  );
}
