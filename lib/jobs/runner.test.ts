import { describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { startJobRunner } from "./runner";

const fakeDb = {} as Db;

describe("startJobRunner", () => {
  it("ticks at start and on demand, runs jobs in order, and keeps going after a failing job", async () => {
    const calls: string[] = [];
    const logs: string[] = [];
    const runner = startJobRunner({
      getDb: () => fakeDb,
      intervalMs: 60_000,
      now: () => 42,
      log: (m) => logs.push(m),
      jobs: [
        { name: "first", run: (_db, now) => calls.push(`first@${now}`) },
        { name: "broken", run: () => { throw new Error("disk on fire"); } },
        { name: "last", run: async () => { calls.push("last"); } },
      ],
    });
    await runner.tickNow();
    await runner.stop();
    expect(calls).toEqual(["first@42", "last", "first@42", "last"]);
    expect(logs).toEqual(["[jobs] broken failed: disk on fire", "[jobs] broken failed: disk on fire"]);
  });

  it("never overlaps ticks, even when a job is slow", async () => {
    let active = 0;
    let maxActive = 0;
    const runner = startJobRunner({
      getDb: () => fakeDb,
      intervalMs: 5,
      jobs: [
        {
          name: "slow",
          run: async () => {
            active++;
            maxActive = Math.max(maxActive, active);
            await new Promise((r) => setTimeout(r, 20));
            active--;
          },
        },
      ],
    });
    await Promise.all([runner.tickNow(), runner.tickNow(), runner.tickNow()]);
    await runner.stop();
    expect(maxActive).toBe(1);
  });
});
