import type { Metadata } from "next";
import { getDb } from "@/db";
import { getThePage } from "@/db/queries/settings";
import { requireUser } from "@/services/auth/dal";
import { pickerGroups } from "@/services/console/incident-display";
import { ScheduleMaintenanceForm } from "../maintenance-forms";

export const metadata: Metadata = { title: "Schedule maintenance" };

export default async function NewMaintenancePage() {
  await requireUser("editor");
  const db = getDb();
  const page = getThePage(db);
  return (
    <div>
      <h1 className="text-2xl font-bold">Schedule maintenance</h1>
      <ScheduleMaintenanceForm groups={pickerGroups(db, page.id)} timeZone={page.timeZone} />
    </div>
  );
}
