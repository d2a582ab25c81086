import { Button } from "@/components/ui/button";

/**
 * "Get updates on this incident" on the incident page. The page is cached and has no scripts, so this is a
 * plain HTML form posting to /incidents/<id>/follow (a route handler that answers with its own page).
 */
export function FollowForm({ incidentId, postmortemOnly }: { incidentId: string; postmortemOnly: boolean }) {
  return (
    <section aria-labelledby="follow" className="mt-8 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <h2 id="follow" className="text-lg font-semibold">
        {postmortemOnly ? "Get the postmortem by email" : "Get updates on this incident"}
      </h2>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
        {postmortemOnly
          ? "This incident is resolved. We email you its postmortem when it is published, and nothing else."
          : "We email you each update of this incident until it is resolved, and nothing else. You confirm first."}
      </p>
      <form method="post" action={`/incidents/${incidentId}/follow`} className="mt-3 space-y-3" noValidate>
        <div>
          <label htmlFor="follow-email" className="block font-medium">
            Email address
          </label>
          <input
            id="follow-email"
            name="email"
            type="email"
            autoComplete="email"
            required
            maxLength={254}
            className="mt-1 w-full max-w-sm rounded-md border border-slate-300 px-3 py-2 dark:border-slate-600 dark:bg-slate-900"
          />
        </div>
        {/* The honeypot: hidden from people and from assistive technology. */}
        <div aria-hidden="true" className="hidden">
          <label htmlFor="follow-website">Website</label>
          <input id="follow-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
        </div>
        {postmortemOnly ? (
          <input type="hidden" name="postmortem" value="1" />
        ) : (
          <label className="flex items-center gap-2">
            <input type="checkbox" name="postmortem" value="1" />
            Also the postmortem, if one is published
          </label>
        )}
        <Button type="submit">{postmortemOnly ? "Email me the postmortem" : "Get updates"}</Button>
      </form>
    </section>
  );
}
