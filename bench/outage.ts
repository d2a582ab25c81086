// The outage scenario: 200 connections on `/` while an admin posts an update every 2 s for 30 s, through the
// real verb (addIncidentUpdate, what the console and the API call) from this process, i.e. another process
// than the server. A prober fetches `/` after each commit until the page carries that update.
import { openDatabase } from "@/db";
import { insertUser } from "@/db/writes/users";
import { createIncident, addIncidentUpdate } from "@/services/incidents/incident-verbs";
import { wrk } from "./load";
import { get, metrics } from "./servers";

export interface OutageResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  commits: number;
  /** Commit -> first response to `/` containing it, per commit. */
  visibleMs: number[];
  /** Responses that were the previous copy while a newer version rendered, as a share ("0.12%"). */
  staleShare: string;
}

export async function outageScenario(
  file: string,
  base: string,
  options: { seconds?: number; everyMs?: number; connections?: number; acceptEncoding: string },
): Promise<OutageResult> {
  const seconds = options.seconds ?? 30;
  const everyMs = options.everyMs ?? 2000;
  const db = openDatabase(file, { countQueries: false });
  const userId = insertUser(db, {
    email: `bench-${Date.now()}@example.com`,
    name: "Bench admin",
    passwordHash: "scrypt$bench-only",
    role: "admin",
    at: Date.now(),
  });
  const actor = { type: "user" as const, userId, label: "bench admin", role: "admin" as const };
  const { id } = createIncident(db, actor, {
    name: "Bench outage",
    status: "investigating",
    message: "Outage begins.",
    componentStatuses: {},
    notify: false,
  });
  const visibleMs: number[] = [];
  const probes: Promise<void>[] = [];
  const before = await metrics(base);
  const load = wrk(`${base}/`, {
    connections: options.connections ?? 200,
    seconds,
    acceptEncoding: options.acceptEncoding,
  });
  let n = 0;
  const timer = setInterval(() => {
    const marker = `bench-update-${++n}-${Date.now().toString(36)}`;
    addIncidentUpdate(db, actor, id, {
      status: "identified",
      message: `Still working on it (${marker}).`,
      notify: false,
    });
    const committed = performance.now();
    probes.push(
      (async () => {
        // Each probe is a fresh connection, as a visitor's would be.
        while (!(await get(`${base}/`)).body.toString().includes(marker)) {
          if (performance.now() - committed > 10_000) throw new Error(`${marker} not visible after 10 s`);
        }
        visibleMs.push(performance.now() - committed);
      })(),
    );
  }, everyMs);
  const result = await load;
  clearInterval(timer);
  await Promise.all(probes);
  const after = await metrics(base);
  db.$client.close();
  const stale = after.cache.stale - before.cache.stale;
  return {
    rps: result.rps,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    errors: result.errors,
    commits: n,
    visibleMs,
    staleShare: `${((100 * stale) / Math.max(1, result.requests)).toFixed(2)}%`,
  };
}
