import type { Metadata } from "next";
import { getDb } from "@/db";
import { listViewerTokens } from "@/db/queries/viewers";
import { getThePage } from "@/db/queries/settings";
import { getComponentTree } from "@/db/queries/status-page";
import { requireUser } from "@/services/auth/dal";
import { formatInZone } from "@/services/console/incident-display";
import {
  AudienceSettingsForm,
  CreateViewerTokenForm,
  RevokeViewerTokenButton,
  VisibilityForm,
  type VisibilityRow,
} from "./audience-forms";

export const metadata: Metadata = { title: "Audience" };

export default async function AudiencePage() {
  await requireUser("admin");
  const db = getDb();
  const page = getThePage(db);
  const rows: VisibilityRow[] = getComponentTree(db, page.id, "internal").flatMap((r) =>
    r.type === "group"
      ? [
          {
            kind: "group" as const,
            id: r.group.id,
            name: r.group.name,
            visibility: r.group.visibility,
            inGroup: false,
          },
          ...r.components.map((c) => ({
            kind: "component" as const,
            id: c.id,
            name: c.name,
            visibility: c.visibility,
            inGroup: true,
          })),
        ]
      : [
          {
            kind: "component" as const,
            id: r.component.id,
            name: r.component.name,
            visibility: r.component.visibility,
            inGroup: false,
          },
        ],
  );
  const tokens = listViewerTokens(db);
  return (
    <div className="max-w-4xl">
      <h1 className="text-2xl font-bold">Audience</h1>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        Who may see the status page. Viewers are staff who see internal services; they are not team members and cannot
        open the console.
      </p>
      <section aria-labelledby="who-heading" className="mt-8">
        <h2 id="who-heading" className="text-lg font-semibold">
          Visibility and viewer sign-in
        </h2>
        <AudienceSettingsForm
          visibility={page.visibility}
          domains={page.viewerEmailDomains ?? ""}
          allowlist={page.viewerIpAllowlist ?? ""}
        />
      </section>
      <section aria-labelledby="services-heading" className="mt-10">
        <h2 id="services-heading" className="text-lg font-semibold">
          Internal services
        </h2>
        <p className="mt-1 text-slate-700 dark:text-slate-300">
          On a mixed page, internal services (and every service in an internal group) are shown to viewers only.
          Incidents and maintenance that touch only internal services are internal too.
        </p>
        {rows.length ? <VisibilityForm rows={rows} /> : <p className="mt-2">No services yet.</p>}
      </section>
      <section aria-labelledby="tokens-heading" className="mt-10">
        <h2 id="tokens-heading" className="text-lg font-semibold">
          Viewer tokens
        </h2>
        <p className="mt-1 text-slate-700 dark:text-slate-300">
          For machines reading a private page: the API, feeds and calendar.
        </p>
        <CreateViewerTokenForm />
        <ul className="mt-4 divide-y divide-slate-200 dark:divide-slate-800">
          {tokens.map((t) => (
            <li key={t.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 py-2">
              <div className="min-w-0 flex-1">
                <p className="break-words font-medium">{t.name}</p>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  Created {formatInZone(t.createdAt, page.timeZone)} · last used{" "}
                  {t.lastUsedAt ? formatInZone(t.lastUsedAt, page.timeZone) : "never"}
                  {t.revokedAt ? ` · revoked ${formatInZone(t.revokedAt, page.timeZone)}` : ""}
                </p>
              </div>
              {!t.revokedAt && <RevokeViewerTokenButton id={t.id} name={t.name} />}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
