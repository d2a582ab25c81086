// The console's success notices after a redirect. The URL carries only a code from this list (and, for the
// messages that count something, a whole number), never text: a link like `?done=<anything>` must not be
// able to put words in a green box on our own page.
export const DONE_MESSAGES = {
  "service-added": "Service added.",
  "service-saved": "Service saved.",
  "service-deleted": "Service deleted.",
  "group-added": "Group added.",
  "group-saved": "Group saved.",
  "group-deleted": "Group deleted; its services are kept.",
  "incident-declared": "Incident declared.",
  "update-deleted": "Update deleted.",
  "template-saved": "Template saved.",
  "template-deleted": "Template deleted.",
  "maintenance-scheduled": "Maintenance scheduled.",
  "maintenance-cancelled": "Maintenance cancelled.",
  "recurrence-saved": "Recurring maintenance saved; {n} scheduled for the next 60 days.",
  "recurrence-stopped": "Recurring maintenance stopped.",
  "recurrence-stopped-cancelled": "Recurring maintenance stopped; {n} cancelled.",
  "subscriber-added-pending":
    "Subscriber added: a confirmation email is on its way. They are pending until they confirm.",
  "subscriber-added-active": "Subscriber added as active.",
  "subscriber-removed": "Subscriber removed.",
  "subscribers-imported": "Imported {n}.",
  "monitor-created": "Monitor created.",
  "monitor-saved": "Monitor saved.",
  "monitor-paused": "Monitor paused.",
  "monitor-resumed": "Monitor resumed.",
  "monitor-deleted": "Monitor deleted.",
  "draft-published": "Incident published: subscribers are being notified.",
  "draft-dismissed": "Draft dismissed.",
  "integration-saved": "Integration saved.",
  "integration-deleted": "Integration deleted.",
  "sso-approved": "Approved: they can now sign in with single sign-on, with the role you chose.",
  "sso-dismissed": "Request dismissed.",
} as const;

export type DoneCode = keyof typeof DONE_MESSAGES;

/** What `{n}` counts in each message that has one (singular, plural). */
const COUNTED: Partial<Record<DoneCode, [string, string]>> = {
  "recurrence-saved": ["occurrence", "occurrences"],
  "recurrence-stopped-cancelled": ["scheduled occurrence", "scheduled occurrences"],
  "subscribers-imported": ["subscriber", "subscribers"],
};

/** The URL to redirect to after a successful action: `path?done=<code>[&n=<count>]`. */
export function doneHref(path: string, code: DoneCode, count?: number): string {
  const params = new URLSearchParams({ done: code });
  if (count !== undefined) params.set("n", String(count));
  return `${path}?${params}`;
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The notice text for a code from the URL, or null for anything not on the list. */
export function doneMessage(code: string | string[] | undefined, count?: string | string[] | undefined): string | null {
  const c = first(code);
  if (!c || !Object.hasOwn(DONE_MESSAGES, c)) return null;
  const text: string = DONE_MESSAGES[c as DoneCode];
  const words = COUNTED[c as DoneCode];
  if (!words) return text;
  const raw = first(count) ?? "";
  // Only a plain whole number of sensible size is read; anything else drops the count, not the notice.
  const n = /^\d{1,6}$/.test(raw) ? Number(raw) : null;
  return text.replace("{n}", n === null ? words[1] : `${n} ${n === 1 ? words[0] : words[1]}`);
}
