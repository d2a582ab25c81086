// Heartbeat (push) monitors: a job (a nightly backup, a cron script) calls its secret URL,
// `GET` or `POST /api/heartbeat/<token>`, optionally with `?status=fail&msg=...`. Each call is a result;
// no call within period + grace is a failure, found by the scheduler (services/monitors/run.ts). The token is
// the only credential: only its SHA-256 is stored, and a wrong token or one of a deleted monitor is a 404.
import type { Db } from "@/db";
import { findMonitorByTokenHash } from "@/db/queries/monitors";
import { markHeartbeat } from "@/db/writes/monitors";
import { readRateLimit, writeRateLimit } from "@/db/writes/rate-limits";
import { hashToken } from "@/services/auth/tokens";
import { textCharacterProblem } from "@/core/text-input";
import { reconcileAutomaticIncident } from "./automation";
import { down, up } from "./checks/types";
import { applyResult } from "./run";

/** Calls per monitor per minute; a job calls once per period, so this only stops a runaway loop. */
export const HEARTBEAT_LIMIT = { perWindow: 30, windowMs: 60_000 } as const;
const MAX_MESSAGE = 500;

export type HeartbeatOutcome =
  | { status: 200; body: { ok: true; recorded: "up" | "down"; monitor: string } }
  | { status: 400 | 404 | 409; body: { error: string } }
  | { status: 429; body: { error: string }; retryAfterSeconds: number };

export async function receiveHeartbeat(
  db: Db,
  token: string,
  query: URLSearchParams,
  now = Date.now(),
): Promise<HeartbeatOutcome> {
  const monitor = token.length <= 200 ? findMonitorByTokenHash(db, hashToken(token)) : null;
  if (!monitor)
    return { status: 404, body: { error: "Unknown heartbeat URL: the token is wrong or its monitor was deleted" } };
  const status = query.get("status") ?? "ok";
  if (status !== "ok" && status !== "fail") return { status: 400, body: { error: 'status must be "ok" or "fail"' } };
  const message = query.get("msg");
  if (message !== null) {
    if (message.length > MAX_MESSAGE)
      return { status: 400, body: { error: `msg is at most ${MAX_MESSAGE} characters` } };
    const problem = textCharacterProblem(message, false);
    if (problem) return { status: 400, body: { error: `msg: ${problem}` } };
  }
  if (monitor.paused) return { status: 409, body: { error: "This monitor is paused" } };

  const key = `heartbeat:${monitor.id}`;
  const limited = db.transaction(
    (tx) => {
      const row = readRateLimit(tx, key);
      const fresh = !row || now - row.windowStart >= HEARTBEAT_LIMIT.windowMs;
      const count = fresh ? 1 : row.count + 1;
      const windowStart = fresh ? now : row.windowStart;
      writeRateLimit(tx, { key, windowStart, count, blockedUntil: null, failures: 0 });
      if (count > HEARTBEAT_LIMIT.perWindow) return Math.ceil((windowStart + HEARTBEAT_LIMIT.windowMs - now) / 1000);
      markHeartbeat(tx, monitor.id, now);
      return 0;
    },
    { behavior: "immediate" },
  );
  if (limited)
    return { status: 429, body: { error: "Too many heartbeats: at most 30 a minute" }, retryAfterSeconds: limited };

  const result =
    status === "fail"
      ? down(message ? `The job reported a failure: ${message}` : "The job reported a failure")
      : up(null, message ? { message } : {});
  const applied = applyResult(db, monitor.id, result, now);
  if (applied?.changed) await reconcileAutomaticIncident(db, monitor.id, now);
  return { status: 200, body: { ok: true, recorded: result.ok ? "up" : "down", monitor: monitor.name } };
}
