// Static publishing in the settings area: every configured target's last publish and last error.
import { LocalTime } from "@/components/local-time";
import type { PublishingView } from "@/services/console/publishing";
import { PublishAlertsToggle, PublishNowButton } from "./publish-now";

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
      {!view.configured ? (
        <p className="mt-2 text-slate-700 dark:text-slate-300">
          {view.problem ??
            "Not published. Set PUBLISH_FOLDER or PUBLISH_S3_BUCKET to keep a copy of the public site in a folder or a bucket, served from a CDN when this server is down (see the README)."}
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
                  {t.name === "s3" ? "S3 bucket" : "Folder"}{" "}
                  <span className="break-all font-mono text-sm">{t.where}</span>
                </h3>
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
              </li>
            ))}
          </ul>
          <PublishNowButton />
          <PublishAlertsToggle on={alertsOn} />
        </>
      )}
    </section>
  );
}
