// API keys for the management API and automation: shown once, stored as a SHA-256 hash, each with a role.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/db";
import { API_KEY_ROLES, LIMITS } from "@/db/constants";
import { bestEffortWrite, throttledLog, unavailableReason } from "@/db/unavailable";
import { insertAuditEntry } from "@/db/writes/audit";
import { findApiKeyByHash, insertApiKey, revokeApiKeyRow, touchApiKey } from "@/db/writes/api-keys";
import { auditActor, can, type Actor } from "@/core/actor";
import { DomainError, notFound } from "@/core/errors";
import { parseInput } from "@/services/incidents/schemas";
import { singleLine } from "@/core/text-input";

const KEY_PREFIX = "sp_";
const warnSkippedTouch = throttledLog(60_000);

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export const createApiKeyInput = z.object({
  name: singleLine(
    z
      .string()
      .trim()
      .min(1, { error: "Name the key" })
      .max(LIMITS.name, { error: `Use at most ${LIMITS.name} characters` }),
  ),
  role: z.enum(API_KEY_ROLES, { error: "Choose read, editor or admin" }),
});

/** Only owners (and the command line, acting as the system) create and revoke keys. */
function assertKeyManager(actor: Actor): void {
  if (!can(actor, "api_keys.manage")) throw new DomainError("forbidden", "Only owners manage API keys");
}

/** Creates a key and returns it in full: the only time it is ever shown. */
export function createApiKey(
  db: Db,
  actor: Actor,
  raw: z.input<typeof createApiKeyInput>,
  now = Date.now(),
): { id: string; key: string } {
  assertKeyManager(actor);
  const input = parseInput(createApiKeyInput, raw);
  const key = KEY_PREFIX + randomBytes(24).toString("base64url");
  const id = db.transaction((tx) => {
    const id = insertApiKey(tx, {
      name: input.name,
      role: input.role,
      keyHash: hashApiKey(key),
      prefix: key.slice(0, 10),
      createdBy: actor.type === "user" ? actor.userId : null,
      at: now,
    });
    insertAuditEntry(tx, {
      at: now,
      ...auditActor(actor),
      action: "api_key.create",
      targetType: "api_key",
      targetId: id,
      detail: { name: input.name, role: input.role },
    });
    return id;
  });
  return { id, key };
}

export function revokeApiKey(db: Db, actor: Actor, id: string, now = Date.now()): void {
  assertKeyManager(actor);
  db.transaction((tx) => {
    if (!revokeApiKeyRow(tx, id, now)) throw notFound("Active API key");
    insertAuditEntry(tx, {
      at: now,
      ...auditActor(actor),
      action: "api_key.revoke",
      targetType: "api_key",
      targetId: id,
    });
  });
}

/**
 * The actor behind an Authorization header ("Bearer <key>", or Statuspage's "OAuth <key>"), or null for a
 * missing, unknown or revoked key.
 */
export function authenticateApiKey(
  db: Db,
  authorization: string | null,
  now = Date.now(),
): (Actor & { type: "api_key" }) | null {
  const match = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(authorization?.trim() ?? "");
  if (!match || !match[1].startsWith(KEY_PREFIX)) return null;
  const row = findApiKeyByHash(db, hashApiKey(match[1]));
  if (!row || row.revokedAt !== null) return null;
  // Bookkeeping only: a database that cannot save (read-only, full) must not turn every API read into a 500.
  bestEffortWrite(
    () => touchApiKey(db, row.id, now),
    (err) => warnSkippedTouch(`api keys: last use not recorded: ${unavailableReason(err)}`),
  );
  return { type: "api_key", apiKeyId: row.id, label: `API key "${row.name}"`, role: row.role };
}
