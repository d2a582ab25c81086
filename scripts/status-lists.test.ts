// Status lists live only in db/constants/ (named subsets included; db/constants.ts gathers them): a list of
// status strings written anywhere else is a second copy of a rule that drifts. This scans the sources for such
// lists.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COMPONENT_STATUSES, INCIDENT_STATUSES, MAINTENANCE_STATUSES } from "@/db/constants";

const root = path.resolve(import.meta.dirname, "..");
const STATUS = [...COMPONENT_STATUSES, ...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES].join("|");
/** Two or more status strings in a row, as an array (`["a", "b"`) or a union type (`"a" | "b"`). */
const LIST = new RegExp(`"(${STATUS})"\\s*(,|\\|)\\s*"(${STATUS})"`);

/** Where the lists are written: the files db/constants.ts re-exports. */
const CONSTANTS = /^db\/constants\/[\w-]+\.ts$/;
/** Where a list is the rule itself, not a copy of one. */
const ALLOWED = new Set([
  // The maintenance state machine: which status may follow which.
  "core/maintenance.ts",
]);

/** Every status list in `files`, as "file:line: text". */
function lists(files: string[]): string[] {
  return files.flatMap((file) =>
    readFileSync(path.join(root, file), "utf8")
      .split("\n")
      .flatMap((line, i) => (LIST.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );
}

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
    .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.startsWith("db/migrations/"));
}

describe("status lists", () => {
  it("are written only in db/constants/", () => {
    const copies = lists(sources().filter((f) => !CONSTANTS.test(f) && !ALLOWED.has(f)));
    expect(copies).toEqual([]);
  });

  it("are found where they live, so the scan above can see one", () => {
    const own = lists(sources().filter((f) => CONSTANTS.test(f)));
    expect(own.some((l) => l.includes("export const UNRESOLVED_INCIDENT_STATUSES = "))).toBe(true);
    expect(own.some((l) => l.includes("export const OPEN_MAINTENANCE_STATUSES = "))).toBe(true);
  });
});
