// Pieces the Sent mail screens share: the delivery-mode banner, the tabs, and state badges.
import Link from "next/link";
import type { EmailMessageState } from "@/db/constants";
import { EMAIL_STATE_LABELS } from "@/services/console/sent-mail";
import type { MailMode } from "@/services/mail/send";

export function MailModeBanner({ mode }: { mode: MailMode }) {
  return mode === "resend" ? (
    <p
      role="note"
      className="mt-4 rounded-lg border border-green-700 bg-green-50 px-4 py-3 text-green-900 dark:border-green-500 dark:bg-green-950 dark:text-green-100"
    >
      <strong>Emails go out through Resend.</strong> The state of each email follows Resend&apos;s delivery reports.
    </p>
  ) : (
    <p
      role="note"
      className="mt-4 rounded-lg border border-amber-700 bg-amber-50 px-4 py-3 text-amber-950 dark:border-amber-500 dark:bg-amber-950 dark:text-amber-100"
    >
      <strong>Emails stay in the local outbox: nothing is sent.</strong> Set RESEND_API_KEY (and EMAIL_FROM) and restart
      to send them through Resend. Until then, every email is kept here for you to read.
    </p>
  );
}

export function MailTabs({ current }: { current: "emails" | "notifications" }) {
  const tab = (href: string, label: string, active: boolean) => (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className="rounded-md px-3 py-2 font-medium text-slate-800 hover:bg-slate-200 aria-[current=page]:bg-slate-800 aria-[current=page]:text-white dark:text-slate-200 dark:hover:bg-slate-800 dark:aria-[current=page]:bg-slate-200 dark:aria-[current=page]:text-slate-900"
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label="Sent mail" className="mt-4 flex gap-2">
      {tab("/admin/mail", "Emails", current === "emails")}
      {tab("/admin/mail/notifications", "Notifications", current === "notifications")}
    </nav>
  );
}

const TONE: Record<EmailMessageState, string> = {
  queued: "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100",
  sent: "bg-blue-100 text-blue-900 dark:bg-blue-900 dark:text-blue-100",
  delivered: "bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100",
  delivery_delayed: "bg-amber-100 text-amber-950 dark:bg-amber-900 dark:text-amber-100",
  bounced: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  complained: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  failed: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  kept_locally: "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100",
};

export function EmailStateBadge({ state }: { state: EmailMessageState }) {
  return (
    <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-semibold ${TONE[state]}`}>
      {EMAIL_STATE_LABELS[state]}
    </span>
  );
}

/** "3 delivered · 1 bounced", in a fixed order, leaving out states with none. */
export function countsText<K extends string>(counts: Partial<Record<K, number>>, labels: Record<K, string>): string {
  const parts = (Object.keys(labels) as K[])
    .filter((k) => (counts[k] ?? 0) > 0)
    .map((k) => `${counts[k]} ${labels[k].toLowerCase()}`);
  return parts.length ? parts.join(" · ") : "none";
}

export function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
