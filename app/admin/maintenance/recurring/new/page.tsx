import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { getThePage } from "@/db/queries/settings";
import { requireUser } from "@/services/auth/dal";
import { pickerGroups } from "@/services/console/incident-display";
import { RecurrenceForm } from "../recurrence-form";

export const metadata: Metadata = { title: "New recurring maintenance" };

export default async function NewRecurrencePage() {
  await requireUser("editor");
  const db = getDb();
  const page = getThePage(db);
  return (
    <div>
      <p>
        <Link href="/admin/maintenance/recurring" className="text-sm font-medium underline">
          Recurring maintenance
        </Link>
      </p>
      <h1 className="text-2xl font-bold">New recurring maintenance</h1>
      <RecurrenceForm groups={pickerGroups(db, page.id)} timeZone={page.timeZone} />
    </div>
  );
}
