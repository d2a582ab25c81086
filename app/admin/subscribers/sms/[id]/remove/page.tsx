import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ConfirmForm } from "@/components/admin/confirm-form";
import { getDb } from "@/db";
import { requireUser } from "@/services/auth/dal";
import type { Actor } from "@/core/actor";
import { DomainError } from "@/core/errors";
import { getSmsSubscriberLabel } from "@/services/sms/admin";
import { removeSmsSubscriberAction } from "../../actions";

export const metadata: Metadata = { title: "Remove an SMS subscriber" };

export default async function RemoveSmsSubscriberPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser("admin");
  const { id } = await params;
  const actor: Actor = { type: "user", userId: user.id, label: user.email, role: user.role };
  let subscriber;
  try {
    subscriber = getSmsSubscriberLabel(getDb(), actor, id);
  } catch (err) {
    if (err instanceof DomainError && err.code === "not_found") notFound();
    throw err;
  }
  return (
    <div className="max-w-2xl">
      <h1 className="text-2xl font-bold">
        Remove <span className="font-mono">{subscriber.maskedPhone}</span>?
      </h1>
      <ul className="mt-4 list-disc space-y-1 pl-6 text-slate-800 dark:text-slate-200">
        <li>The number gets no more SMS from this status page, starting now; messages not yet sent are dropped.</li>
        <li>The number and its choices are deleted. The audit log keeps that you removed it (masked).</li>
        <li>They can sign the number up again later.</li>
      </ul>
      <ConfirmForm
        action={removeSmsSubscriberAction}
        fields={{ id: subscriber.id }}
        confirmLabel="Remove SMS subscriber"
        cancelHref="/admin/subscribers/sms"
      />
    </div>
  );
}
