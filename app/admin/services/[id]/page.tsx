import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { findLiveComponent, listGroups } from "@/db/queries/services";
import { getThePage } from "@/db/queries/settings";
import { requireUser } from "@/services/auth/dal";
import { ComponentForm } from "../component-form";

export const metadata: Metadata = { title: "Edit service" };

export default async function EditServicePage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser("admin");
  const { id } = await params;
  const db = getDb();
  const pageId = getThePage(db).id;
  const component = findLiveComponent(db, pageId, id);
  if (!component) notFound();
  return (
    <div>
      <h1 className="text-2xl font-bold">Edit {component.name}</h1>
      <ComponentForm initial={component} groups={listGroups(db, pageId)} />
    </div>
  );
}
