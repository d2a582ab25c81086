import type { Metadata } from "next";
import { getDb } from "@/db";
import { getThePage } from "@/db/queries/settings";
import { componentChoices } from "@/db/queries/subscribers";
import { requireUser } from "@/services/auth/dal";
import { localeOr } from "@/services/notifications/words";
import { choiceGroups } from "@/components/ui/service-picker";
import { AddSubscriberForm } from "../add-form";

export const metadata: Metadata = { title: "Add a subscriber" };

export default async function NewSubscriberPage() {
  await requireUser("admin");
  const db = getDb();
  const page = getThePage(db);
  const choices = choiceGroups(componentChoices(db, page.id));
  return (
    <div>
      <h1 className="text-2xl font-bold">Add a subscriber</h1>
      <p className="mt-1 max-w-xl text-slate-700 dark:text-slate-300">
        For one person who asked to be told about incidents and maintenance. To add many at once, import a CSV file
        instead.
      </p>
      <AddSubscriberForm choices={choices} defaultLocale={localeOr(page.defaultLocale)} />
    </div>
  );
}
