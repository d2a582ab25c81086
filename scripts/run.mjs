// The npm scripts' launcher in production: `node scripts/run.mjs start --fresh-database` compiles dist/ when
// a source changed (scripts/compile.mjs), then runs dist/scripts/start.mjs with the rest of the arguments.
// So `npm install && npm start` on a fresh clone works without tsx, and an edited source is never run stale.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { compiledPath, compileIfStale, ENTRY_POINTS } from "./compile.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const [name, ...args] = process.argv.slice(2);
const entry = `scripts/${name}.ts`;
if (!ENTRY_POINTS.includes(entry)) {
  console.error(
    `Unknown script "${name ?? ""}": one of ${ENTRY_POINTS.filter((e) => e.startsWith("scripts/"))
      .map((e) => path.basename(e, ".ts"))
      .join(", ")}`,
  );
  process.exit(2);
}
const root = process.cwd();
if (await compileIfStale(root)) console.log("Compiled the server and scripts (dist/).");
const file = compiledPath(root, entry);
// The script reads process.argv as if it had been started directly: [node, script, ...args].
process.argv = [process.argv[0], file, ...args];
await import(pathToFileURL(file).href);
