import { describe, expect, it } from "vitest";
import { isPermutationOf, moveOne } from "./ordering";

describe("moveOne", () => {
  it("swaps with the neighbour and stays put at the ends", () => {
    expect(moveOne(["a", "b", "c"], "b", "up")).toEqual(["b", "a", "c"]);
    expect(moveOne(["a", "b", "c"], "b", "down")).toEqual(["a", "c", "b"]);
    expect(moveOne(["a", "b", "c"], "a", "up")).toEqual(["a", "b", "c"]);
    expect(moveOne(["a", "b", "c"], "c", "down")).toEqual(["a", "b", "c"]);
    expect(moveOne(["a", "b"], "z" as string, "up")).toEqual(["a", "b"]);
  });
});

describe("isPermutationOf", () => {
  it("accepts exactly the current items in any order", () => {
    expect(isPermutationOf(["b", "a"], ["a", "b"])).toBe(true);
  });
  it("refuses ids from nowhere, missing ids and repeats", () => {
    expect(isPermutationOf(["a", "x"], ["a", "b"])).toBe(false);
    expect(isPermutationOf(["a"], ["a", "b"])).toBe(false);
    expect(isPermutationOf(["a", "a"], ["a", "b"])).toBe(false);
    expect(isPermutationOf(["a", "b", "c"], ["a", "b"])).toBe(false);
  });
});
