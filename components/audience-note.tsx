// On a mixed or private page: the public part says how staff see the rest; the internal copy says it is the
// internal view and offers sign-out. Nothing personal: the page cache keeps one copy per audience.
import Link from "next/link";
import type { Audience, PageVisibility } from "@/db/constants";

export function AudienceNote({ audience, visibility }: { audience: Audience; visibility: PageVisibility }) {
  if (visibility === "public") return null;
  if (audience === "public")
    return (
      <p className="mb-4 text-sm">
        <Link href="/sign-in" className="font-medium text-blue-700 underline dark:text-blue-300">
          Staff: sign in for internal services
        </Link>
      </p>
    );
  return (
    <form method="post" action="/sign-in/out" className="mb-4 flex flex-wrap items-center gap-2 text-sm">
      <span className="rounded bg-amber-100 px-2 py-0.5 font-medium text-amber-900 dark:bg-amber-900 dark:text-amber-100">
        Internal view
      </span>
      <button type="submit" className="font-medium text-blue-700 underline dark:text-blue-300">
        Sign out
      </button>
    </form>
  );
}
