// Static publishing in the settings area: every target (the environment's and those added here) with its last
// publish and last error; targets added here can be edited, tested and removed.
import { LocalTime } from "@/components/local-time";
import type { PublishingView, PublishTargetView } from "@/services/console/publishing";
import { PublishAlertsToggle, PublishNowButton } from "./publish-now";
import { PublishTargetForm, TargetButtons } from "./publish-target-form";

function TargetStatus({ t, timeZone }: { t: PublishTargetView; timeZone: string }) {
  return (
    <>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt>Last published</dt>
        <dd>{t.lastSuccessAt ? <LocalTime at={t.lastSuccessAt} timeZone={timeZone} /> : "never"}</dd>
        <dt>Took</dt>
        <dd>{t.lastDurationMs !== null ? `${(t.lastDurationMs / 1000).toFixed(1)} s` : "-"}</dd>
        <dt>Objects changed</dt>
        <dd>{t.lastObjectsChanged ?? "-"}</dd>
      </dl>
      {t.lastError && (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {t.alarming ? "Failing for more than 5 minutes" : "Failing"}
          {t.failingSince && (
            <>
              {" since "}
              <LocalTime at={t.failingSince} timeZone={timeZone} />
            </>
          )}
          : <span className="break-words">{t.lastError}</span>
        </p>
      )}
    </>
  );
}

export function PublishingSection({
  view,
  timeZone,
  alertsOn,
}: {
  view: PublishingView;
  timeZone: string;
  /** Whether the member viewing gets the failure emails. */
  alertsOn: boolean;
}) {
  return (
    <section aria-labelledby="publishing-heading" className="mt-10">
      <h2 id="publishing-heading" className="text-lg font-semibold">
        Static copy
      </h2>
      {view.problem && <p className="mt-2 text-red-700 dark:text-red-400">{view.problem}</p>}
      {!view.configured ? (
        <p className="mt-2 text-slate-700 dark:text-slate-300">
          Not published. Add a folder or a bucket below (or set PUBLISH_FOLDER or PUBLISH_S3_BUCKET) to keep a copy of
          the public site there, served from a CDN when this server is down (see the README).
        </p>
      ) : (
        <>
          <p className="mt-1 text-slate-700 dark:text-slate-300">
            The public site is copied within seconds of every change, and every minute.
            {view.baseUrl && <> The copy is at {view.baseUrl}.</>}
          </p>
          <ul className="mt-4 space-y-4">
            {view.targets.map((t) => (
              <li key={t.name} className="rounded border border-slate-200 p-4 dark:border-slate-700">
                <h3 className="font-semibold">
                  {t.label} <span className="break-all font-mono text-sm font-normal">{t.where}</span>
                </h3>
                {!t.settings && <p className="text-sm text-slate-600 dark:text-slate-400">Set in the environment.</p>}
                <TargetStatus t={t} timeZone={timeZone} />
                {t.settings && (
                  <>
                    <TargetButtons id={t.settings.id} name={t.settings.name} />
                    <details className="mt-3">
                      <summary className="cursor-pointer text-sm font-medium">
                        Edit<span className="sr-only"> {t.settings.name}</span>
                      </summary>
                      <PublishTargetForm initial={t.settings} />
                    </details>
                  </>
                )}
              </li>
            ))}
          </ul>
          <PublishNowButton />
          <PublishAlertsToggle on={alertsOn} />
        </>
      )}
      {/* Not `open` by state: a prop flipping on the first save would fold the form over its own answer. */}
      <details className="mt-6">
        <summary className="cursor-pointer font-medium">Add a target</summary>
        <PublishTargetForm />
      </details>
    </section>
  );
}
