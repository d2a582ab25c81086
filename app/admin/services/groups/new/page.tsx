import type { Metadata } from "next";
import { requireUser } from "@/services/auth/dal";
import { GroupForm } from "../../group-form";

export const metadata: Metadata = { title: "Add a group" };

export default async function NewGroupPage() {
  await requireUser("admin");
  return (
    <div>
      <h1 className="text-2xl font-bold">Add a group</h1>
      <GroupForm />
    </div>
  );
}
