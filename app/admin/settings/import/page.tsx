import type { Metadata } from "next";
import { requireUser } from "@/services/auth/dal";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "Import" };

export default async function ImportPage() {
  await requireUser("admin");
  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-bold">Import from Statuspage</h1>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        Brings services, groups, incident history, templates and subscribers across. You see what will change before
        anything is written; imported subscribers stay confirmed and nobody is notified. Running it again updates what
        changed and duplicates nothing.
      </p>
      <ImportForm />
    </div>
  );
}
