// Subscribers, notifications and their delivery: kinds, platforms, states.
// Imports nothing at all (lint-enforced): client components and the pure core read it too.

export const SUBSCRIBER_KINDS = ["email", "webhook", "chat", "sms"] as const;
export type SubscriberKind = (typeof SUBSCRIBER_KINDS)[number];

/** The chat platforms a `chat` subscriber posts to (services/chat/); each has its own hosts (core/chat-hosts.ts). */
export const CHAT_PLATFORMS = ["slack", "teams", "discord", "google_chat"] as const;
export type ChatPlatform = (typeof CHAT_PLATFORMS)[number];
export const CHAT_PLATFORM_LABELS: Record<ChatPlatform, string> = {
  slack: "Slack",
  teams: "Microsoft Teams",
  discord: "Discord",
  google_chat: "Google Chat",
};

/** pending: awaiting confirmation (an email) or its verification ping (a webhook); suppressed: hard bounce or complaint, never mailed again. */
export const SUBSCRIBER_STATES = ["pending", "active", "unsubscribed", "suppressed"] as const;
export type SubscriberState = (typeof SUBSCRIBER_STATES)[number];

export const NOTIFICATION_KINDS = [
  "incident_created",
  "incident_updated",
  "incident_resolved",
  "postmortem_published",
  "maintenance_scheduled",
  "maintenance_rescheduled",
  "maintenance_cancelled",
  "maintenance_reminder",
  "maintenance_started",
  "maintenance_completed",
  "component_updated",
  "subscription_confirm",
  "subscription_manage_link",
  "webhook_disabled",
  /** The ping a new webhook must answer with a 2xx before it receives anything (webhooks only, no email). */
  "webhook_verification",
  "team_invitation",
  "password_reset",
  "monitor_down",
  /** Visitor reports about one service passed the spike threshold (team members who opted in). */
  "report_spike",
  /** "Fixed, thank you for telling us": to a visitor who reported a problem, once its incident is resolved. */
  "report_thanks",
  /** A static-copy target has failed for more than 5 minutes (team members who opted in). */
  "publish_failing",
  /** That target publishes again (the same members). */
  "publish_recovered",
  /** The code a new SMS subscriber types to prove the number is theirs (SMS only, no email). */
  "sms_verification",
  /** To a number that asked to follow an incident it already gets by SMS (SMS only; the page never says). */
  "sms_already_subscribed",
  /** The code that opens the SMS manage page (app/manage/sms/), to the number that asked (SMS only). */
  "sms_manage_code",
  /** A viewer's single-use sign-in link to the internal page (issue #15), by email. */
  "viewer_sign_in",
  /** "This month in IT" to team members who opted in (addresses in the payload), once per month. */
  "monthly_report",
  /** "This month in IT" to the email subscribers who chose it on their manage page, once per month. */
  "monthly_report_subscribers",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const DELIVERY_CHANNELS = ["email", "webhook", "chat", "sms"] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** parked: a quota error; it waits for the quota to reset instead of retrying soon. */
export const DELIVERY_STATES = ["pending", "sending", "sent", "failed", "parked"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const EMAIL_MESSAGE_STATES = [
  "queued",
  "sent",
  "delivered",
  "delivery_delayed",
  "bounced",
  "complained",
  "failed",
  "kept_locally",
] as const;
export type EmailMessageState = (typeof EMAIL_MESSAGE_STATES)[number];
