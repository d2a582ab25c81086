import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ConfirmForm } from "@/components/admin/confirm-form";
import { getDb } from "@/db";
import { findIntegration } from "@/db/queries/integrations";
import { requireUser } from "@/services/auth/dal";
import { isId } from "@/core/ids";
import { deleteIntegrationAction } from "../../actions";

export const metadata: Metadata = { title: "Delete integration" };
export const dynamic = "force-dynamic";

export default async function DeleteIntegrationPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser("admin");
  const { id } = await params;
  const integration = isId(id) ? findIntegration(getDb(), id) : undefined;
  if (!integration) notFound();
  return (
    <div className="max-w-2xl">
      <h1 className="text-2xl font-bold">Delete “{integration.name}”?</h1>
      <p className="mt-2">
        Its intake URL stops working and its log of payloads is deleted. Its firing alerts end, so their services go
        back to what the rest of the page says. Incidents it opened stay.
      </p>
      <ConfirmForm
        action={deleteIntegrationAction}
        fields={{ id }}
        confirmLabel="Delete the integration"
        cancelHref={`/admin/integrations/${id}`}
      />
    </div>
  );
}
