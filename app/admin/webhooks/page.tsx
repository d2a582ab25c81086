import type { Metadata } from "next";
import { Address } from "@/components/admin/address";
import { getDb } from "@/db";
import { componentChoices, getPageRow } from "@/db/queries/subscribers";
import type { WebhookRow } from "@/db/queries/webhooks";
import { requireUser } from "@/services/auth/dal";
import { formatInZone } from "@/services/console/incident-display";
import { webhooksForConsole } from "@/services/console/webhooks";
import { DataTable } from "@/components/ui/data-table";
import { ServicePicker, choiceGroups } from "@/components/ui/service-picker";
import { AddWebhookForm, WebhookControls } from "./webhook-forms";

export const metadata: Metadata = { title: "Webhooks" };
export const dynamic = "force-dynamic";

const date = (ms: number | null, timeZone: string) => (ms ? formatInZone(ms, timeZone) : "never");

const EVENT_LABELS: Record<string, string> = {
  component_updated: "Component update",
  webhook_verification: "Verification ping",
};
const eventLabel = (kind: string) => EVENT_LABELS[kind] ?? `Incident (${kind.replaceAll("_", " ")})`;

/** While pending: how the latest verification ping went (a hanging or refusing receiver is told apart). */
function pendingText(webhook: WebhookRow, timeZone: string): string {
  const v = webhook.verification;
  if (v?.state === "failed") return "Pending verification: the ping was not answered with a 2xx";
  if (v?.state === "pending" && v.lastError)
    return `Pending verification: ping retry at ${date(v.nextAttemptAt, timeZone)}`;
  return "Pending verification";
}

function StateBadge({ webhook, timeZone }: { webhook: WebhookRow; timeZone: string }) {
  const [text, colours] = webhook.disabledAt
    ? [`Disabled ${date(webhook.disabledAt, timeZone)}`, "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200"]
    : webhook.state === "pending"
      ? [pendingText(webhook, timeZone), "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200"]
      : webhook.failingSince
        ? [
            `Failing since ${date(webhook.failingSince, timeZone)}`,
            "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
          ]
        : ["Active", "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200"];
  return <span className={`rounded px-2 py-0.5 text-sm font-medium ${colours}`}>{text}</span>;
}

function deliveryOutcome(d: WebhookRow["deliveries"][number], timeZone: string) {
  if (d.state === "sent") return "Delivered";
  if (d.state === "failed") return "Gave up";
  if (d.state === "sending") return "Sending";
  return `Retry at ${date(d.nextAttemptAt, timeZone)}`;
}

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<{ removed?: string }> }) {
  const me = await requireUser("admin");
  const { removed } = await searchParams;
  const db = getDb();
  const page = getPageRow(db)!;
  const choices = componentChoices(db, page.id);
  const names = new Map(choices.flatMap((g) => g.components.map((c) => [c.id, c.name] as const)));
  const list = webhooksForConsole(db, { type: "user", userId: me.id, label: me.email, role: me.role }, page.id);
  return (
    <div className="max-w-4xl">
      <h1 className="text-2xl font-bold">Webhooks</h1>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        Webhook subscribers receive Statuspage-style JSON payloads for incidents, maintenance and every service status
        change, signed with their own secret. A new webhook is pending until it answers a signed <code>ping</code> with
        a 2xx; until then it receives nothing. Failed deliveries are retried for about a day; then the webhook is
        disabled and its owner emailed.
      </p>
      {removed === "1" && (
        <p
          role="status"
          className="mt-4 rounded-md bg-green-50 px-3 py-2 text-sm font-medium text-green-800 dark:bg-green-950 dark:text-green-200"
        >
          Webhook removed. It gets no more events.
        </p>
      )}
      <section aria-labelledby="list-heading" className="mt-8">
        <h2 id="list-heading" className="text-lg font-semibold">
          Registered webhooks
        </h2>
        {list.length === 0 ? (
          <p className="mt-2 text-slate-700 dark:text-slate-300">
            No webhooks yet. Add one below, or let people register their own on the public{" "}
            <a className="underline" href="/subscribe?via=webhook">
              subscribe page
            </a>
            .
          </p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-300 dark:divide-slate-800 dark:border-slate-700">
            {list.map((w) => (
              <li key={w.id} className="space-y-2 p-3">
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <p className="w-full min-w-0 font-mono text-sm font-medium sm:w-auto sm:flex-1">
                    <Address>{w.url ?? ""}</Address>
                  </p>
                  <StateBadge webhook={w} timeZone={page.timeZone} />
                </div>
                <p className="text-sm text-slate-700 dark:text-slate-300">
                  {w.allComponents
                    ? "Everything"
                    : `Only: ${w.componentIds.map((id) => names.get(id) ?? "a deleted service").join(", ")}`}
                  {" · "}owner {w.email ?? "none"} · added {date(w.createdAt, page.timeZone)} ({w.origin}){" · "}last
                  delivery{" "}
                  {w.lastDelivery
                    ? `${date(w.lastDelivery.updatedAt, page.timeZone)}, ${deliveryOutcome(w.lastDelivery, page.timeZone).toLowerCase()}`
                    : "none yet"}
                </p>
                <WebhookControls
                  id={w.id}
                  url={w.url ?? ""}
                  disabled={w.disabledAt !== null}
                  pending={w.state === "pending"}
                />
                <details className="text-sm">
                  <summary className="cursor-pointer font-medium">Recent deliveries ({w.deliveries.length})</summary>
                  <DataTable
                    dense
                    label={`Recent deliveries to ${w.url}`}
                    caption={`Recent deliveries to ${w.url}`}
                    className="mt-2"
                    rows={w.deliveries}
                    rowKey={(d) => d.id}
                    empty="Nothing sent yet: deliveries appear here after the next incident or status change."
                    columns={[
                      { header: "Time", className: "whitespace-nowrap", cell: (d) => date(d.createdAt, page.timeZone) },
                      { header: "Event", cell: (d) => eventLabel(d.kind) },
                      { header: "Outcome", cell: (d) => deliveryOutcome(d, page.timeZone) },
                      { header: "Status", cell: (d) => d.lastStatusCode ?? "–" },
                      { header: "Attempts", cell: (d) => d.attempts + (d.state === "sent" ? 1 : 0) },
                      { header: "Error", className: "break-all", cell: (d) => d.lastError ?? "" },
                    ]}
                  />
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="add-heading" className="mt-10">
        <h2 id="add-heading" className="text-lg font-semibold">
          Add a webhook
        </h2>
        <AddWebhookForm picker={<ServicePicker groups={choiceGroups(choices)} name="componentIds" />} />
      </section>
    </div>
  );
}
