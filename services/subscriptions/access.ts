// Who a manage or unsubscribe link belongs to: the token is checked against the subscriber's current
// token_version and the app's signing secret.
import type { Db } from "@/db";
import { getSubscriber } from "@/db/queries/subscribers";
import { ensureAppSecret } from "@/db/writes/page";
import { tokenSubscriberId, verifySubscriberToken, type TokenPurpose } from "@/services/notifications/tokens";

export function subscriberForToken(db: Db, purpose: TokenPurpose, token: string, now = Date.now()) {
  const id = tokenSubscriberId(token);
  if (!id) return null;
  const subscriber = getSubscriber(db, id);
  // A webhook or chat channel has only the unsubscribe link (in every payload and message); nothing to manage.
  if (!subscriber || (subscriber.kind !== "email" && purpose !== "unsubscribe")) return null;
  return verifySubscriberToken(ensureAppSecret(db, now), purpose, token, subscriber) ? subscriber : null;
}
