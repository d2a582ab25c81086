import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { wantsPublishAlerts } from "@/db/queries/publish";
import { getThePage } from "@/db/queries/settings";
import { requireUser } from "@/services/auth/dal";
import { getConfig } from "@/core/config";
import { timeZoneNames } from "@/services/console/settings";
import { publishingView } from "@/services/console/publishing";
import { LogoForm } from "./logo-form";
import { PublishingSection } from "./publishing-section";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Page settings" };

export default async function SettingsPage() {
  const user = await requireUser("admin");
  const page = getThePage(getDb());
  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-bold">Page settings</h1>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        Changes show on the public page as soon as they are saved.
      </p>
      <section aria-labelledby="general-heading" className="mt-8">
        <h2 id="general-heading" className="text-lg font-semibold">
          General
        </h2>
        <SettingsForm initial={page} timeZones={["Etc/UTC", ...timeZoneNames()]} defaultUrl={getConfig().publicUrl} />
      </section>
      <section aria-labelledby="logo-heading" className="mt-10">
        <h2 id="logo-heading" className="text-lg font-semibold">
          Logo
        </h2>
        <LogoForm logoUrl={page.logoAssetId ? `/assets/${page.logoAssetId}` : null} />
      </section>
      <PublishingSection
        view={publishingView(getDb())}
        timeZone={page.timeZone}
        alertsOn={wantsPublishAlerts(getDb(), user.id)}
      />
      <section aria-labelledby="import-heading" className="mt-10">
        <h2 id="import-heading" className="text-lg font-semibold">
          Import
        </h2>
        <p className="mt-1 text-slate-700 dark:text-slate-300">
          Moving from Statuspage?{" "}
          <Link href="/admin/settings/import" className="font-medium underline">
            Import a Statuspage page
          </Link>
          : services, history and subscribers, previewed before anything is written.
        </p>
      </section>
    </div>
  );
}
