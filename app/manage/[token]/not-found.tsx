import Link from "next/link";

// What an unknown or revoked manage link shows, with a 404 (page.tsx calls notFound()).
export default function ManageLinkNotFound() {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-12">
      <p>
        <Link href="/" className="font-medium text-blue-700 underline dark:text-blue-400">
          Back to the status page
        </Link>
      </p>
      <h1 className="mt-6 text-2xl font-bold">This link is not valid</h1>
      <p className="mt-2">
        It may be out of date: a new subscription replaces the links of an earlier one. Use the link in your most recent
        email from us.
      </p>
    </main>
  );
}
