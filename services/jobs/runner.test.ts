import { describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { MAX_BACKOFF_MS, startJobRunner } from "./runner";

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
        {
          name: "broken",
          run: () => {
            throw new Error("disk on fire");
          },
        },
        {
          name: "last",
          run: async () => {
            calls.push("last");
          },
        },
      ],
    });
    await runner.tickNow();
    await runner.stop();
    expect(calls).toEqual(["first@42", "last", "first@42", "last"]);
    // The second tick is at the same clock reading: the broken job waits out its back-off, the others run.
    expect(logs).toEqual(["[jobs] broken failed (1 in a row; next try in 60 s): disk on fire"]);
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

  it("backs a failing job off, doubling up to the cap, logs once per try, and resets on success", async () => {
    let clock = 1_000_000;
    let broken = true;
    let tries = 0;
    const logs: string[] = [];
    const runner = startJobRunner({
      getDb: () => fakeDb,
      intervalMs: 60_000_000, // ticks only when asked
      now: () => clock,
      log: (m) => logs.push(m),
      jobs: [
        {
          name: "flaky",
          run: () => {
            tries++;
            if (broken) throw new Error("read-only");
          },
        },
      ],
    });
    await runner.tickNow(); // the start tick and this one share a clock reading: one try
    expect(tries).toBe(1);
    const tickAt = async (ms: number) => {
      clock += ms;
      await runner.tickNow();
    };
    // intervalMs is huge, so every back-off is the cap: five minutes.
    await tickAt(MAX_BACKOFF_MS - 1);
    expect(tries).toBe(1);
    await tickAt(1);
    expect(tries).toBe(2);
    broken = false;
    await tickAt(MAX_BACKOFF_MS);
    expect(tries).toBe(3);
    await tickAt(1);
    expect(tries).toBe(4); // healthy again: runs every tick
    await runner.stop();
    expect(logs).toHaveLength(2);
    expect(logs[1]).toContain("2 in a row");
  });

  it("doubles the wait from one interval", async () => {
    let clock = 0;
    let tries = 0;
    const logs: string[] = [];
    // Tries at 0 s (the start tick), then 1 s, 2 s and 4 s later: ticks every 500 ms up to 7.5 s make four.
    const stepper = startJobRunner({
      getDb: () => fakeDb,
      intervalMs: 1_000,
      now: () => clock,
      log: (m) => logs.push(m),
      jobs: [
        {
          name: "down",
          run: () => {
            tries++;
            throw new Error("x");
          },
        },
      ],
    });
    await stepper.tickNow();
    for (let t = 500; t <= 7_500; t += 500) {
      clock = t;
      await stepper.tickNow();
    }
    await stepper.stop();
    expect(tries).toBe(4);
    expect(logs).toHaveLength(4);
  });
});
