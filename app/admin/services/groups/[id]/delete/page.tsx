import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ConfirmForm } from "@/components/admin/confirm-form";
import { getDb } from "@/db";
import { findGroup, getServiceTree } from "@/db/queries/services";
import { getThePage } from "@/db/queries/settings";
import { requireUser } from "@/services/auth/dal";
import { deleteGroupAction } from "../../../actions";

export const metadata: Metadata = { title: "Delete group" };

export default async function DeleteGroupPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser("admin");
  const { id } = await params;
  const db = getDb();
  const pageId = getThePage(db).id;
  const group = findGroup(db, pageId, id);
  if (!group) notFound();
  const row = getServiceTree(db, pageId).find((r) => r.type === "group" && r.group.id === id);
  const children = row?.type === "group" ? row.components : [];
  return (
    <div className="max-w-2xl">
      <h1 className="text-2xl font-bold">Delete the group {group.name}?</h1>
      {children.length === 0 ? (
        <p className="mt-4">The group is empty; nothing else changes.</p>
      ) : (
        <>
          <p className="mt-4">
            Its {children.length} service{children.length === 1 ? "" : "s"} stay, with their history, and move to the
            end of the page outside any group:
          </p>
          <ul className="mt-2 list-disc pl-6">
            {children.map((c) => (
              <li key={c.id}>{c.name}</li>
            ))}
          </ul>
        </>
      )}
      <ConfirmForm
        action={deleteGroupAction}
        fields={{ id }}
        confirmLabel={`Delete the group ${group.name}`}
        cancelHref="/admin/services"
      />
    </div>
  );
}
