// Viewers of a private or mixed page (issue #15): their sessions, sign-in links and machine tokens. Not team members.
import { index, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { VIEWER_METHODS } from "../constants";
import { id, ms, createdAt } from "./columns";

/** Viewer sessions: people who may see the internal page. Not team members; separate from `sessions`. */
export const viewerSessions = sqliteTable(
  "viewer_sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    email: text("email").notNull(),
    method: text("method", { enum: VIEWER_METHODS }).notNull(),
    createdAt: createdAt(),
    lastSeenAt: ms("last_seen_at").notNull(),
    /** Absolute expiry; idle expiry is lastSeenAt plus the viewer idle timeout. */
    expiresAt: ms("expires_at").notNull(),
  },
  (t) => [index("viewer_sessions_expires_idx").on(t.expiresAt)],
);

/** Single-use sign-in links emailed to viewers; only the token's SHA-256 is kept. */
export const viewerSignInLinks = sqliteTable(
  "viewer_sign_in_links",
  {
    tokenHash: text("token_hash").primaryKey(),
    email: text("email").notNull(),
    createdAt: createdAt(),
    expiresAt: ms("expires_at").notNull(),
    usedAt: ms("used_at"),
  },
  (t) => [index("viewer_sign_in_links_expires_idx").on(t.expiresAt)],
);

/** Tokens for machines reading a private page's API, feeds and calendar. Shown once, stored hashed. */
export const viewerTokens = sqliteTable(
  "viewer_tokens",
  {
    id: id(),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    lastUsedAt: ms("last_used_at"),
    revokedAt: ms("revoked_at"),
  },
  (t) => [uniqueIndex("viewer_tokens_hash_idx").on(t.tokenHash)],
);
