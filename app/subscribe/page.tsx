import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { componentChoices, getPageRow } from "@/db/queries/subscribers";
import { ComponentPicker } from "./component-picker";
import { SubscribeForm } from "./subscribe-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Subscribe to updates" };

export default function SubscribePage() {
  const db = getDb();
  const page = getPageRow(db);
  if (!page) notFound();
  return (
    <main className="mx-auto max-w-xl px-4 py-12">
      <h1 className="text-2xl font-bold">Get {page.name} updates by email</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        We email you when an incident starts, changes or ends, and before planned maintenance. Every email has a
        one-click unsubscribe link.
      </p>
      <div className="mt-8">
        <SubscribeForm picker={<ComponentPicker choices={componentChoices(db, page.id)} selected={[]} />} />
      </div>
    </main>
  );
}
