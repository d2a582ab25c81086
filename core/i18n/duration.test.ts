import { expect, test } from "vitest";
import { formatDuration } from "@/core/format";
import { durationIn } from "./duration";

const M = 60_000;

test("English reads as formatDuration always has", () => {
  for (const ms of [0, M, 59 * M, 60 * M, 125 * M, 47 * 60 * M, 48 * 60 * M, 75 * 60 * M])
    expect(durationIn("en", ms), String(ms)).toBe(formatDuration(ms));
});

test("other languages use their own plural rules, never a bare key", () => {
  expect(durationIn("de", 125 * M)).toBe("2 Stunden 5 Minuten");
  expect(durationIn("de", M)).toBe("1 Minute");
  expect(durationIn("fr", 48 * 60 * M)).toBe("2 jours");
  expect(durationIn("ar", 2 * 60 * M)).toBe("ساعتان");
  expect(durationIn("ja", 75 * 60 * M)).toBe("3 日3 時間");
});
