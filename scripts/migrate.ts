// `npm run db:migrate`: apply the migrations to DATABASE_PATH (the server also does this at start).
import { closeDb, DatabaseOpenError, getDb } from "@/db";
import { ConfigError, getConfig } from "@/core/config";

try {
  getDb();
  closeDb();
  console.log(`Migrated ${getConfig().databasePath}`);
} catch (err) {
  if (err instanceof ConfigError || err instanceof DatabaseOpenError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
