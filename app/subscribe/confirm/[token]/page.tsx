import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { getPageRow } from "@/db/queries/subscribers";
import { pendingForConfirmToken } from "@/lib/subscriptions/subscribe";
import { confirmAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Confirm your subscription", robots: { index: false } };

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ failed?: string }> };

// Showing this page changes nothing (mail scanners open links); only the button's POST confirms.
export default async function ConfirmPage({ params }: Props) {
  const { token } = await params;
  const db = getDb();
  const page = getPageRow(db);
  const pending = pendingForConfirmToken(db, token);
  if (!pending || !page) {
    return (
      <main className="mx-auto max-w-xl px-4 py-12">
        <h1 className="text-2xl font-bold">This confirmation link is not valid</h1>
        <p className="mt-2">It may have expired (links last 48 hours) or been used already.</p>
        <Link href="/subscribe" className="mt-6 inline-block font-medium text-blue-700 underline dark:text-blue-400">
          Subscribe again
        </Link>
      </main>
    );
  }
  return (
    <main className="mx-auto max-w-xl px-4 py-12">
      <h1 className="text-2xl font-bold">Confirm your subscription</h1>
      <p className="mt-2">
        Send {page.name} notifications to <strong>{pending.email}</strong>?
      </p>
      <form action={confirmAction.bind(null, token)} className="mt-6">
        <button type="submit" className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white">
          Confirm
        </button>
      </form>
    </main>
  );
}
