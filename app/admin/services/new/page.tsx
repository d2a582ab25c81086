import type { Metadata } from "next";
import { getDb } from "@/db";
import { listGroups } from "@/db/queries/services";
import { getThePage } from "@/db/queries/settings";
import { requireUser } from "@/services/auth/dal";
import { ComponentForm } from "../component-form";

export const metadata: Metadata = { title: "Add a service" };

export default async function NewServicePage() {
  await requireUser("admin");
  const db = getDb();
  return (
    <div>
      <h1 className="text-2xl font-bold">Add a service</h1>
      <ComponentForm groups={listGroups(db, getThePage(db).id)} />
    </div>
  );
}
