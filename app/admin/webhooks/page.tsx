import type { Metadata } from "next";
import { Address } from "@/components/admin/address";
import { getDb } from "@/db";
import { localeOr } from "@/services/notifications/words";
import { componentChoices, getPageRow } from "@/db/queries/subscribers";
import type { WebhookRow } from "@/db/queries/webhooks";
import { requireUser } from "@/services/auth/dal";
import { webhooksForConsole } from "@/services/console/webhooks";
import {
  EndpointBadge,
  EndpointList,
  EndpointPage,
  deliveryOutcome,
  endpointDate,
} from "@/components/admin/endpoint-list";
import { ServicePicker, choiceGroups } from "@/components/ui/service-picker";
import { AddWebhookForm, WebhookControls } from "./webhook-forms";

export const metadata: Metadata = { title: "Webhooks" };
export const dynamic = "force-dynamic";

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
    return `Pending verification: ping retry at ${endpointDate(v.nextAttemptAt, timeZone)}`;
  return "Pending verification";
}

function badge(webhook: WebhookRow, timeZone: string) {
  if (webhook.disabledAt)
    return <EndpointBadge tone="bad" text={`Disabled ${endpointDate(webhook.disabledAt, timeZone)}`} />;
  if (webhook.state === "pending") return <EndpointBadge tone="warn" text={pendingText(webhook, timeZone)} />;
  if (webhook.failingSince)
    return <EndpointBadge tone="warn" text={`Failing since ${endpointDate(webhook.failingSince, timeZone)}`} />;
  return <EndpointBadge tone="good" text="Active" />;
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
    <EndpointPage
      title="Webhooks"
      intro={
        <>
          Webhook subscribers receive Statuspage-style JSON payloads for incidents, maintenance and every service status
          change, signed with their own secret. A new webhook is pending until it answers a signed <code>ping</code>{" "}
          with a 2xx; until then it receives nothing. Failed deliveries are retried for about a day; then the webhook is
          disabled and its owner emailed.
        </>
      }
      removedNotice={removed === "1" ? "Webhook removed. It gets no more events." : null}
      listHeading="Registered webhooks"
      empty={
        list.length === 0 ? (
          <>
            No webhooks yet. Add one below, or let people register their own on the public{" "}
            <a className="underline" href="/subscribe?via=webhook">
              subscribe page
            </a>
            .
          </>
        ) : null
      }
      list={
        <EndpointList
          rows={list}
          timeZone={page.timeZone}
          serviceNames={names}
          text={{
            recent: "Recent deliveries",
            emptyDeliveries: "Nothing sent yet: deliveries appear here after the next incident or status change.",
          }}
          title={(w) => (
            <span className="font-mono">
              <Address>{w.url ?? ""}</Address>
            </span>
          )}
          label={(w) => w.url ?? ""}
          badge={(w) => badge(w, page.timeZone)}
          extra={(w) => (
            <>
              {" · "}last delivery{" "}
              {w.lastDelivery
                ? `${endpointDate(w.lastDelivery.updatedAt, page.timeZone)}, ${deliveryOutcome(w.lastDelivery, page.timeZone).toLowerCase()}`
                : "none yet"}
            </>
          )}
          controls={(w) => (
            <WebhookControls
              id={w.id}
              url={w.url ?? ""}
              disabled={w.disabledAt !== null}
              pending={w.state === "pending"}
            />
          )}
          eventLabel={eventLabel}
        />
      }
      addHeading="Add a webhook"
      addForm={
        <AddWebhookForm
          picker={<ServicePicker groups={choiceGroups(choices)} name="componentIds" />}
          defaultLocale={localeOr(page.defaultLocale)}
        />
      }
    />
  );
}
