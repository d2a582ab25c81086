import type { Metadata } from "next";
import { getDb } from "@/db";
import { API_KEY_ROLE_LABELS } from "@/db/constants";
import { listApiKeysForConsole } from "@/db/queries/api-keys";
import { getThePage } from "@/db/queries/settings";
import { requireUser } from "@/services/auth/dal";
import { formatInZone } from "@/services/console/incident-display";
import { CreateApiKeyForm, RevokeApiKeyButton } from "./api-key-forms";

export const metadata: Metadata = { title: "API keys" };

const date = (ms: number | null, timeZone: string) => (ms ? formatInZone(ms, timeZone) : "never");

export default async function ApiKeysPage() {
  await requireUser("owner");
  const db = getDb();
  const keys = listApiKeysForConsole(db);
  const { timeZone } = getThePage(db);
  return (
    <div className="max-w-4xl">
      <h1 className="text-2xl font-bold">API keys</h1>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        Keys let scripts and alerting tools use the management API (<code className="font-mono">/api/v1</code>).
        Read-only keys can only read. Editor keys also post incidents, maintenance and updates. Admin keys also change
        services and groups. Only owners see this page.
      </p>
      <section aria-labelledby="create-heading" className="mt-8">
        <h2 id="create-heading" className="text-lg font-semibold">
          Create a key
        </h2>
        <CreateApiKeyForm />
      </section>
      <section aria-labelledby="keys-heading" className="mt-10">
        <h2 id="keys-heading" className="text-lg font-semibold">
          Keys
        </h2>
        {keys.length === 0 ? (
          <p className="mt-2 text-slate-700 dark:text-slate-300">
            No keys yet. Create one above for each tool that should use the API, so you can revoke them one by one.
          </p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-300 dark:divide-slate-800 dark:border-slate-700">
            {keys.map((k) => (
              <li key={k.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 p-3">
                <div className="min-w-0 flex-1">
                  <p className="break-words font-medium">
                    {k.name}{" "}
                    <span className="font-mono text-sm font-normal text-slate-600 dark:text-slate-400">
                      {k.prefix}…
                    </span>
                  </p>
                  <p className="text-sm text-slate-600 dark:text-slate-400">
                    {API_KEY_ROLE_LABELS[k.role]} key · created {date(k.createdAt, timeZone)} by{" "}
                    {k.createdByEmail ?? "the command line or a removed member"} · last used{" "}
                    {date(k.lastUsedAt, timeZone)}
                  </p>
                  {k.revokedAt !== null && (
                    <p className="text-sm font-medium text-red-700 dark:text-red-300">
                      Revoked {date(k.revokedAt, timeZone)}
                    </p>
                  )}
                </div>
                <RevokeApiKeyButton id={k.id} name={k.name} revoked={k.revokedAt !== null} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
