// `npm run admin -- <command>`: administration from the command line.
//   create-api-key --name <name> --role <read|editor|admin>   prints the key once
import { closeDb, DatabaseOpenError, getDb } from "@/db";
import { createApiKey } from "@/lib/api-keys";
import { ConfigError } from "@/lib/config";
import { SYSTEM } from "@/lib/domain/actor";
import { DomainError } from "@/lib/domain/errors";

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

const [command, ...args] = process.argv.slice(2);
const usage = "Usage: npm run admin -- create-api-key --name <name> --role <read|editor|admin>";

try {
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
