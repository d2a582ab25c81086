import { describe, expect, it } from "vitest";
import { MINUTE } from "@/core/time";
import { isBackupDue, parseBackupConfig } from "./job";

const T = Date.UTC(2026, 11, 1, 12);

describe("when a backup is due", () => {
  it("every interval, and a minute after a public change", () => {
    expect(isBackupDue(undefined, T, 5 * MINUTE, false)).toBe(true);
    expect(isBackupDue(T, T + 4 * MINUTE, 5 * MINUTE, false)).toBe(false);
    expect(isBackupDue(T, T + 5 * MINUTE, 5 * MINUTE, false)).toBe(true);
    expect(isBackupDue(T, T + 30_000, 5 * MINUTE, true)).toBe(false);
    expect(isBackupDue(T, T + MINUTE, 5 * MINUTE, true)).toBe(true);
  });

  it("reads its configuration with a clear error", () => {
    expect(parseBackupConfig({})).toEqual({ folder: undefined, stores: [], intervalMs: 5 * MINUTE });
    const config = parseBackupConfig({ BACKUP_FOLDER: "/b", BACKUP_INTERVAL_MINUTES: "15" });
    expect(config).toMatchObject({ folder: "/b", intervalMs: 15 * MINUTE });
    expect(config.stores.map((s) => [s.kind, s.describe])).toEqual([["folder", "/b"]]);
    expect(() => parseBackupConfig({ BACKUP_INTERVAL_MINUTES: "0" })).toThrow(
      /BACKUP_INTERVAL_MINUTES must be between 1 and 1440 \(got "0"\)/,
    );
  });
});
