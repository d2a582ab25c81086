// `npm run admin -- <command>`: administration from the command line.
//   create-api-key --name <name> --role <read|editor|admin>   prints the key once
//   apply <status.yaml> [--yes] [--prune]   prints the plan; applies only with --yes; deletes only with --prune
//   export                                  prints today's services, groups, monitors and integrations as YAML
import { closeDb, DatabaseOpenError, getDb } from "@/db";
import { createApiKey } from "@/lib/api-keys";
import { runApply, runExport } from "@/lib/as-code/command";
import { ConfigError } from "@/lib/config";
import { SYSTEM } from "@/lib/domain/actor";
import { DomainError } from "@/lib/domain/errors";

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

const [command, ...args] = process.argv.slice(2);
const usage = "Usage: npm run admin -- create-api-key --name <name> --role <read|editor|admin>\n       npm run admin -- apply <status.yaml> [--yes] [--prune]\n       npm run admin -- export";

try {
  if (command === "apply" || command === "export") {
    if (command === "apply" && !args[0]) {
      console.error(usage);
      process.exit(2);
    }
    const result = command === "apply" ? runApply(getDb(), args[0], { yes: args.includes("--yes"), prune: args.includes("--prune") }) : runExport(getDb());
    closeDb();
    (result.code === 0 ? console.log : console.error)(result.out);
    process.exit(result.code);
  }
  if (command !== "create-api-key") {
    console.error(usage);
    process.exit(2);
  }
  const { key } = createApiKey(getDb(), { ...SYSTEM, label: "automation" }, { name: option(args, "name") ?? "", role: (option(args, "role") ?? "") as never });
  closeDb();
  console.log(`Created the API key. It is shown once; store it now:\n${key}`);
} catch (err) {
  if (err instanceof DomainError) {
    console.error(`${Object.entries(err.fields).map(([f, m]) => `--${f}: ${m}`).join("; ") || err.message}\n${usage}`);
    process.exit(1);
  }
  if (err instanceof ConfigError || err instanceof DatabaseOpenError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
