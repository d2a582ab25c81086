import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { findGroup } from "@/db/queries/services";
import { getThePage } from "@/db/queries/settings";
import { requireUser } from "@/services/auth/dal";
import { GroupForm } from "../../group-form";

export const metadata: Metadata = { title: "Edit group" };

export default async function EditGroupPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser("admin");
  const { id } = await params;
  const db = getDb();
  const group = findGroup(db, getThePage(db).id, id);
  if (!group) notFound();
  return (
    <div>
      <h1 className="text-2xl font-bold">Edit group {group.name}</h1>
      <GroupForm initial={group} />
    </div>
  );
}
