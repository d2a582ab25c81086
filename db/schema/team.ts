// People and access: team members, their sessions and second factors, invitations, API keys, the audit log, rate limits, console single sign-on.
import { relations } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { API_KEY_ROLES, AUDIT_ACTOR_TYPES, USER_ROLES } from "../constants";
import { id, ms, flag, createdAt, updatedAt } from "./columns";

export const users = sqliteTable(
  "users",
  {
    id: id(),
    /** Lower-cased. */
    email: text("email").notNull(),
    name: text("name").notNull().default(""),
    /** scrypt, in the self-describing form services/password.ts writes. */
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: USER_ROLES }).notNull(),
    /** Base32 TOTP secret; it must be readable to verify codes, so it is not hashed. */
    totpSecret: text("totp_secret"),
    totpEnabledAt: ms("totp_enabled_at"),
    /** The 30-second step of the last code accepted at sign-in: a code is good once, not for its whole window. */
    totpLastStep: integer("totp_last_step"),
    passwordChangedAt: ms("password_changed_at").notNull(),
    /** Opted in to an email the moment a monitor goes down (team alerts, not subscriber notifications). */
    notifyOnMonitorDown: flag("notify_on_monitor_down").notNull().default(false),
    /** Opted in to an email when visitor reports about one service spike. */
    notifyOnReportSpike: flag("notify_on_report_spike").notNull().default(false),
    /** Opted in to an email when a static-copy target fails for more than 5 minutes, and when it recovers. */
    notifyOnPublishFailure: flag("notify_on_publish_failure").notNull().default(false),
    /** Opted in to the monthly "this month in IT" email (the service report's headline figures). */
    monthlyReportEmail: flag("monthly_report_email").notNull().default(false),
    lastSignInAt: ms("last_sign_in_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: ms("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

/** Server-side sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = sqliteTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Signed in with the password but still owing a two-factor code. */
    pendingTwoFactor: flag("pending_two_factor").notNull().default(false),
    createdAt: createdAt(),
    lastSeenAt: ms("last_seen_at").notNull(),
    /** Absolute expiry; idle expiry is lastSeenAt plus the idle timeout. */
    expiresAt: ms("expires_at").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

export const invitations = sqliteTable(
  "invitations",
  {
    id: id(),
    email: text("email").notNull(),
    role: text("role", { enum: USER_ROLES }).notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: ms("expires_at").notNull(),
    acceptedAt: ms("accepted_at"),
    revokedAt: ms("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("invitations_token_unique").on(t.tokenHash)],
);

/**
 * A password reset asked for on /login. The link's token is derived from the id (services/notifications/tokens.ts)
 * and only its hash is kept; it works once (usedAt) and until expiresAt.
 */
export const passwordResets = sqliteTable(
  "password_resets",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    expiresAt: ms("expires_at").notNull(),
    usedAt: ms("used_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("password_resets_token_unique").on(t.tokenHash), index("password_resets_user_idx").on(t.userId)],
);

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: id(),
    name: text("name").notNull(),
    role: text("role", { enum: API_KEY_ROLES }).notNull(),
    /** SHA-256 of the key; the key itself is shown once. */
    keyHash: text("key_hash").notNull(),
    /** The first characters of the key, to recognise it in the console. */
    prefix: text("prefix").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    lastUsedAt: ms("last_used_at"),
    revokedAt: ms("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("api_keys_key_hash_unique").on(t.keyHash)],
);

/** Who did what and when. Never holds passwords, tokens or keys. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: ms("at").notNull(),
    actorType: text("actor_type", { enum: AUDIT_ACTOR_TYPES }).notNull(),
    actorId: text("actor_id"),
    /** The actor's email or key name at the time, so the log reads the same after a deletion. */
    actorLabel: text("actor_label").notNull(),
    /** Dotted verb, e.g. "auth.sign_in_failed", "component.update". */
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>(),
    ip: text("ip"),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_action_idx").on(t.action, t.at)],
);

/** Fixed-window counters for rate limits (sign-in, subscribe, API keys); they survive restarts. */
export const rateLimits = sqliteTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    windowStart: ms("window_start").notNull(),
    count: integer("count").notNull(),
    /** Growing lock-out after repeated failures. */
    blockedUntil: ms("blocked_until"),
    failures: integer("failures").notNull().default(0),
  },
  (t) => [index("rate_limits_window_idx").on(t.windowStart)],
);

/** The console's SSO settings: one row (id "default"), written by owners. The provider itself is configured in the environment. */
export const consoleSsoSettings = sqliteTable("console_sso_settings", {
  id: text("id").primaryKey(),
  /** The ID token or userinfo claim that carries groups or roles. */
  roleClaim: text("role_claim").notNull().default("groups"),
  /** "claim value = role" lines (core/console-sso.ts); empty: nobody gets a role without an owner's approval. */
  roleMapping: text("role_mapping").notNull().default(""),
  /** Email domains allowed to sign in with SSO, one per line; empty: any verified email. */
  emailDomains: text("email_domains").notNull().default(""),
  /** When on, only the break-glass owner may sign in with a password. */
  localPasswordsOff: flag("local_passwords_off").notNull().default(false),
  breakGlassUserId: text("break_glass_user_id").references(() => users.id, { onDelete: "set null" }),
  updatedAt: updatedAt(),
});

/** People who signed in with SSO but whose claims map to no role: they wait for an owner's approval. */
export const ssoAccessRequests = sqliteTable(
  "sso_access_requests",
  {
    id: id(),
    /** Lower-cased, verified by the provider. */
    email: text("email").notNull(),
    name: text("name").notNull().default(""),
    /** The role claim's values at the last attempt, for the owner deciding. */
    claimValues: text("claim_values", { mode: "json" }).$type<string[]>().notNull(),
    createdAt: createdAt(),
    lastSeenAt: ms("last_seen_at").notNull(),
  },
  (t) => [uniqueIndex("sso_access_requests_email_unique").on(t.email)],
);

export const usersRelations = relations(users, ({ many }) => ({
  sessions: many(sessions),
  recoveryCodes: many(recoveryCodes),
}));

export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
