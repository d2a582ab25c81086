import type { Metadata } from "next";
import { requireUser } from "@/services/auth/dal";
import { DEFAULT_LOCALE, LOCALES } from "@/core/i18n/locales";
import { IMPORT_LIMITS } from "@/services/subscriptions/import";
import { ImportForm } from "../import-form";

export const metadata: Metadata = { title: "Import subscribers" };

export default async function ImportSubscribersPage() {
  await requireUser("admin");
  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-bold">Import subscribers</h1>
      <div className="mt-2 space-y-2 text-slate-700 dark:text-slate-300">
        <p>
          Upload a CSV file with one address per line: <code className="font-mono">email,components,language</code>. The
          components column is optional: leave it empty for everything, or list service or group names (or ids)
          separated by <code className="font-mono">;</code>. The language column is optional too: the language of their
          emails ({LOCALES.join(", ")}; empty for {DEFAULT_LOCALE}). A header row is optional. Up to{" "}
          {IMPORT_LIMITS.rows.toLocaleString("en")} lines and 1 MB.
        </p>
        <p>
          You see what would happen first. Imported addresses are active at once, without a confirmation email: import
          only people who agreed to get these emails. Addresses already on the list are left as they are, and an address
          listed twice is added once.
        </p>
      </div>
      <ImportForm />
    </div>
  );
}
