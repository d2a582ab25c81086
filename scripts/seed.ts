// `npm run db:seed [-- --force]`: seed the demo content. Refuses on a database that already has services or
// incidents unless --force is given, which replaces them.
import { closeDb, DatabaseOpenError, getDb } from "@/db";
import { seedDemo } from "@/db/seed";
import { ensureAppSecret, ensurePage } from "@/db/writes/page";
import { ConfigError, getConfig } from "@/core/config";

try {
  const config = getConfig();
  const db = getDb();
  const now = Date.now();
  db.transaction((tx) => {
    ensurePage(tx, { name: config.pageName, timeZone: config.pageTimeZone, at: now });
    ensureAppSecret(tx, now);
  });
  const result = seedDemo(db, { now, force: process.argv.includes("--force") });
  closeDb();
  if (!result.seeded) {
    console.error(`Not seeded: ${result.reason}.`);
    process.exit(1);
  }
  console.log(`Seeded the demo content into ${config.databasePath}`);
} catch (err) {
  if (err instanceof ConfigError || err instanceof DatabaseOpenError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
