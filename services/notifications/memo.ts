// What the sends of one notification share (its context, its message in each language), kept by the lanes'
// dispatcher for a minute (pruned each tick: services/notifications/email-delivery.ts pruneTemplateMemo), so a
// fan-out to a thousand chat channels or numbers reads and builds it once instead of once per send.
export type SendMemo = Map<string, { at: number; value: unknown }>;

/** The memo's value under `key`, made by `make` the first time (always made when there is no memo). */
export function remember<T>(memo: SendMemo | undefined, key: string, now: number, make: () => T): T {
  const hit = memo?.get(key);
  if (hit) return hit.value as T;
  const value = make();
  memo?.set(key, { at: now, value });
  return value;
}
