// Writes of the console's static-copy targets (services/console/publish-targets.ts validates and authorises).
import { eq } from "drizzle-orm";
import type { Tx } from "../index";
import { newId } from "@/core/ids";
import { publishTargetConfigs, type PublishTargetConfig } from "../schema";

export type PublishTargetFields = Omit<PublishTargetConfig, "id" | "createdAt" | "updatedAt">;

export function insertPublishTargetConfig(tx: Tx, fields: PublishTargetFields, at: number): string {
  const id = newId();
  tx.insert(publishTargetConfigs)
    .values({ id, ...fields, createdAt: at, updatedAt: at })
    .run();
  return id;
}

export function updatePublishTargetConfig(tx: Tx, id: string, fields: PublishTargetFields, at: number): boolean {
  return (
    tx
      .update(publishTargetConfigs)
      .set({ ...fields, updatedAt: at })
      .where(eq(publishTargetConfigs.id, id))
      .run().changes === 1
  );
}

export function deletePublishTargetConfig(tx: Tx, id: string): boolean {
  return tx.delete(publishTargetConfigs).where(eq(publishTargetConfigs.id, id)).run().changes === 1;
}
