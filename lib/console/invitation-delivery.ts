// Where an invitation leaves the console. Today the link is shown to the inviter to copy; when email
// sending lands, this is the one place to queue a "team_invitation" notification (NOTIFICATION_KINDS) in
// the same transaction, and the console can stop showing the link.
import type { Tx } from "@/db";
import type { UserRole } from "@/db/constants";

export interface InvitationMessage {
  invitationId: string;
  email: string;
  role: UserRole;
  link: string;
  invitedBy: string;
}

export interface InvitationDelivery {
  /** True while the inviter must pass the link on themselves. */
  showLinkToInviter: boolean;
}

export function deliverInvitation(_tx: Tx, _message: InvitationMessage): InvitationDelivery {
  // TODO(email): queue the invitation email here once the outbox exists.
  return { showLinkToInviter: true };
}
