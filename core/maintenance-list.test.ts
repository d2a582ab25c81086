import { describe, expect, it } from "vitest";
import { foldUpcoming } from "./maintenance-list";

const one = (id: string, scheduledFor: number, recurrenceId: string | null = null) => ({
  incident: { id, scheduledFor, recurrenceId },
});

describe("foldUpcoming", () => {
  it("shows a series once, at its next window, with the later windows under it", () => {
    const items = [one("a1", 1, "r"), one("x", 2), one("a2", 3, "r"), one("a3", 5, "r")];
    const { shown, more } = foldUpcoming(items, 3);
    expect(shown.map((e) => e.item.incident.id)).toEqual(["a1", "x"]);
    expect(shown[0].later.map((i) => i.incident.id)).toEqual(["a2", "a3"]);
    expect(shown[1].later).toEqual([]);
    expect(more).toEqual([]);
  });

  it("keeps the next few entries and folds the rest, soonest first", () => {
    const items = Array.from({ length: 18 }, (_, i) => one(`m${i}`, i));
    const { shown, more } = foldUpcoming(items, 3);
    expect(shown.map((e) => e.item.incident.id)).toEqual(["m0", "m1", "m2"]);
    expect(more.map((e) => e.item.incident.id)).toEqual(items.slice(3).map((i) => i.incident.id));
  });

  it("counts a whole series as one entry: 18 weekly windows are one card", () => {
    const items = Array.from({ length: 18 }, (_, i) => one(`w${i}`, i, "weekly"));
    const { shown, more } = foldUpcoming(items, 3);
    expect(shown).toHaveLength(1);
    expect(shown[0].later).toHaveLength(17);
    expect(more).toEqual([]);
  });
});
