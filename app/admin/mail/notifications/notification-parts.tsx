import Link from "next/link";
import type { DeliveryState } from "@/db/constants";
import { DELIVERY_STATE_LABELS } from "@/services/console/sent-mail";

export function IncidentLink({
  incident,
}: {
  incident: { id: string; name: string; kind: "incident" | "maintenance" };
}) {
  const href =
    incident.kind === "maintenance" ? `/admin/maintenance/${incident.id}` : `/admin/incidents/${incident.id}`;
  return (
    <>
      {incident.kind === "maintenance" ? "Maintenance" : "Incident"}:{" "}
      <Link href={href} className="underline">
        {incident.name}
      </Link>
    </>
  );
}

/** A permanent refusal (4xx other than 429) is never retried: the admin must act, so it says so. */
export function LastError({ error }: { error: { message: string; statusCode: number | null; state: DeliveryState } }) {
  const permanent =
    error.state === "failed" && error.statusCode !== null && error.statusCode >= 400 && error.statusCode < 500;
  return (
    <p className="mt-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100">
      <strong>
        {permanent
          ? "Refused by Resend, not retried"
          : `Last error (${DELIVERY_STATE_LABELS[error.state].toLowerCase()})`}
        :
      </strong>{" "}
      <span className="break-words font-mono">{error.message}</span>
      {error.statusCode !== null ? ` (HTTP ${error.statusCode})` : ""}
    </p>
  );
}
