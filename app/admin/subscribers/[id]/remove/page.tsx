import type { Metadata } from "next";
import { Address } from "@/components/admin/address";
import { notFound } from "next/navigation";
import { ConfirmForm } from "@/components/admin/confirm-form";
import { getDb } from "@/db";
import { requireUser } from "@/services/auth/dal";
import type { Actor } from "@/core/actor";
import { DomainError } from "@/core/errors";
import { getSubscriberView } from "@/services/subscriptions/admin";
import { removeSubscriberAction } from "../../actions";

export const metadata: Metadata = { title: "Remove a subscriber" };

export default async function RemoveSubscriberPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser("admin");
  const { id } = await params;
  const actor: Actor = { type: "user", userId: user.id, label: user.email, role: user.role };
  let subscriber;
  try {
    subscriber = getSubscriberView(getDb(), actor, id);
  } catch (err) {
    if (err instanceof DomainError && err.code === "not_found") notFound();
    throw err;
  }
  return (
    <div className="max-w-2xl">
      <h1 className="text-2xl font-bold">
        Remove <Address>{subscriber.email}</Address>?
      </h1>
      <ul className="mt-4 list-disc space-y-1 pl-6 text-slate-800 dark:text-slate-200">
        <li>They get no more emails from this status page, starting now; emails not yet sent to them are dropped.</li>
        <li>The address and its choices are deleted. The audit log keeps that you removed it.</li>
        <li>You, or they, can subscribe the address again later.</li>
      </ul>
      <ConfirmForm
        action={removeSubscriberAction}
        fields={{ id: subscriber.id }}
        confirmLabel="Remove subscriber"
        cancelHref="/admin/subscribers"
      />
    </div>
  );
}
