import type { Db } from "@/db";
import { apiContext } from "@/services/api/v2";
import { DomainError } from "@/core/errors";

/** The page the API serves, with its public base URL; a 409 before the first start has created it. */
export function ctxOf(db: Db) {
  // The management API belongs to the team: it sees internal services and incidents too.
  const ctx = apiContext(db, undefined, "internal");
  if (!ctx) throw new DomainError("conflict", "The page is not set up yet");
  return ctx;
}
