import type { Metadata } from "next";
import { getDb } from "@/db";
import { getThePage } from "@/db/queries/settings";
import { requireUser } from "@/lib/auth/dal";
import { pickerGroups } from "@/lib/console/incident-display";
import { DeclareIncidentForm } from "../declare-form";

export const metadata: Metadata = { title: "Declare incident" };

export default async function NewIncidentPage() {
  await requireUser("editor");
  const db = getDb();
  const page = getThePage(db);
  return (
    <div>
      <h1 className="text-2xl font-bold">Declare incident</h1>
      <DeclareIncidentForm groups={pickerGroups(db, page.id)} timeZone={page.timeZone} />
    </div>
  );
}
