// What `npm start` compares with the build to decide whether to rebuild. Every file of the project counts
// unless it cannot go into `next build`: a list of what to include missed proxy.ts, and would miss the next
// top-level file Next picks up (middleware.ts, instrumentation.ts, .env.local), so this lists what to leave out.
import fs from "node:fs";
import path from "node:path";

/** Top-level directories that never go into the build: tests, tools, deployment files, run-time data, dist/ (scripts/compile.mjs). */
const NOT_BUILT_DIRS = new Set([
  "node_modules",
  "e2e",
  "bench",
  "deploy",
  "scripts",
  "data",
  "dist",
  "test-results",
  "playwright-report",
]);
/** Files that never go into the build, wherever they are. */
const NOT_BUILT_FILE = /(\.test\.tsx?|\.md|\.tsbuildinfo|^next-env\.d\.ts)$/;

/** The newest modification time (ms) of a build input under `root`, skipping `skip` (absolute paths). */
export function newestBuildInput(root: string, skip: ReadonlySet<string> = new Set()): number {
  let newest = 0;
  const visit = (dir: string, top: boolean) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (skip.has(full)) continue;
      if (entry.isDirectory()) {
        // Dot-directories are tools' own state (.git, .next, .e2e), never sources.
        if (entry.name.startsWith(".") || (top && NOT_BUILT_DIRS.has(entry.name))) continue;
        visit(full, false);
      } else if (entry.isFile() && !NOT_BUILT_FILE.test(entry.name)) {
        newest = Math.max(newest, fs.statSync(full).mtimeMs);
      }
    }
  };
  visit(root, true);
  return newest;
}

/** Whether the build at root/.next is missing or older than a build input. */
export function buildIsStale(root: string, options: { databasePath?: string } = {}): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  // The database (and its -wal/-shm) changes all the time and is never built, wherever DATABASE_PATH is.
  const skip = new Set<string>();
  if (options.databasePath) {
    const db = path.resolve(root, options.databasePath);
    for (const suffix of ["", "-wal", "-shm", "-journal"]) skip.add(db + suffix);
  }
  return newestBuildInput(root, skip) > fs.statSync(buildId).mtimeMs;
}
