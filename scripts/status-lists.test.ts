// Status lists live only in db/constants.ts (named subsets included): a list of status strings written
// anywhere else is a second copy of a rule that drifts. This scans the sources for such lists.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COMPONENT_STATUSES, INCIDENT_STATUSES, MAINTENANCE_STATUSES } from "@/db/constants";

const root = path.resolve(import.meta.dirname, "..");
const STATUS = [...COMPONENT_STATUSES, ...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES].join("|");
/** Two or more status strings in a row, as an array (`["a", "b"`) or a union type (`"a" | "b"`). */
const LIST = new RegExp(`"(${STATUS})"\\s*(,|\\|)\\s*"(${STATUS})"`);

/** Where a list is the rule itself, not a copy of one. */
const ALLOWED = new Set([
  "db/constants.ts",
  // The maintenance state machine: which status may follow which.
  "core/maintenance.ts",
]);

function sources(): string[] {
  const out = execFileSync(
    "git",
    [
      "ls-files",
      "--cached",
      "--others",
      "--exclude-standard",
      "--",
      "app",
      "components",
      "db",
      "emails",
      "core",
      "services",
      "scripts",
      "server.ts",
    ],
    { cwd: root, encoding: "utf8" },
  );
  return out
    .split("\n")
    .filter(
      (f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.startsWith("db/migrations/") && !ALLOWED.has(f),
    );
}

describe("status lists", () => {
  it("are written only in db/constants.ts", () => {
    const copies = sources().flatMap((file) =>
      readFileSync(path.join(root, file), "utf8")
        .split("\n")
        .flatMap((line, i) => (LIST.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(copies).toEqual([]);
  });
});
