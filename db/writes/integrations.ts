// Integrations and the log of what they received. The log is bounded: each insert prunes the integration's
// rows beyond the newest PAYLOAD_LOG_SIZE, so a noisy Alertmanager cannot grow the database.
import { and, eq, lt, sql } from "drizzle-orm";
import type { PayloadOutcome } from "@/db/constants";
import type { IntegrationChanges, IntegrationSettings } from "@/core/integration-settings";
import { newId } from "@/core/ids";
import type { Tx } from "../index";
import { integrationPayloads, integrations } from "../schema";

export const PAYLOAD_LOG_SIZE = 100;
const MAX_STORED_BODY = 16 * 1024;

export function insertIntegration(
  tx: Tx,
  input: { pageId: string; settings: IntegrationSettings; secretHash: string; at: number },
): string {
  const id = newId();
  tx.insert(integrations)
    .values({
      id,
      pageId: input.pageId,
      ...input.settings,
      secretHash: input.secretHash,
      createdAt: input.at,
      updatedAt: input.at,
    })
    .run();
  return id;
}

export function updateIntegrationRow(tx: Tx, id: string, changes: IntegrationChanges, at: number): void {
  const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  tx.update(integrations)
    .set({ ...set, updatedAt: at })
    .where(eq(integrations.id, id))
    .run();
}

export function replaceIntegrationSecret(tx: Tx, id: string, secretHash: string, at: number): void {
  tx.update(integrations).set({ secretHash, updatedAt: at }).where(eq(integrations.id, id)).run();
}

export function deleteIntegrationRow(tx: Tx, id: string): void {
  tx.delete(integrations).where(eq(integrations.id, id)).run();
}

export function recordPayload(
  tx: Tx,
  input: {
    integrationId: string;
    at: number;
    outcome: PayloadOutcome;
    summary: string;
    detail: Record<string, unknown>;
    body: string;
  },
): void {
  const body = input.body.length > MAX_STORED_BODY ? `${input.body.slice(0, MAX_STORED_BODY)}…` : input.body;
  tx.insert(integrationPayloads)
    .values({ ...input, body })
    .run();
  tx.update(integrations).set({ lastReceivedAt: input.at }).where(eq(integrations.id, input.integrationId)).run();
  const cutoff = tx
    .select({ id: integrationPayloads.id })
    .from(integrationPayloads)
    .where(eq(integrationPayloads.integrationId, input.integrationId))
    .orderBy(sql`${integrationPayloads.id} desc`)
    .limit(1)
    .offset(PAYLOAD_LOG_SIZE - 1)
    .get();
  if (cutoff)
    tx.delete(integrationPayloads)
      .where(and(eq(integrationPayloads.integrationId, input.integrationId), lt(integrationPayloads.id, cutoff.id)))
      .run();
}
