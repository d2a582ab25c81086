// Where an invitation leaves the console: a "team_invitation" notification queued in the invitation's own
// transaction, delivered by the notification worker like every other email. Its payload holds only the
// invitation's id; the link's token is derived again from it (services/notifications/tokens.ts) when the email
// is written. Without a Resend key the email stays in the local outbox, so the inviter is shown the link
// to pass on themselves.
import type { Tx } from "@/db";
import type { UserRole } from "@/db/constants";
import { getPageRow } from "@/db/queries/subscribers";
import { enqueueNotification } from "@/db/writes/outbox";
import { mailMode, type MailMode } from "@/services/mail/send";

export interface InvitationMessage {
  invitationId: string;
  email: string;
  role: UserRole;
  link: string;
  invitedBy: string;
}

export interface InvitationDelivery {
  /** True while the inviter must pass the link on themselves (no email leaves this server). */
  showLinkToInviter: boolean;
}

export function deliverInvitation(
  tx: Tx,
  message: InvitationMessage,
  at: number,
  mode: MailMode = mailMode(),
): InvitationDelivery {
  const page = getPageRow(tx)!;
  enqueueNotification(tx, {
    pageId: page.id,
    kind: "team_invitation",
    payload: { invitationId: message.invitationId },
    at,
  });
  return { showLinkToInviter: mode === "local" };
}
