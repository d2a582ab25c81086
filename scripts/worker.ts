// `npm run worker`: the background work on its own (maintenance automation, recurring maintenance,
// notification delivery) until stopped; Ctrl-C or SIGTERM finish the current step first. Without
// RESEND_API_KEY, emails go to the local outbox.
import { closeDb, DatabaseOpenError, getDb } from "@/db";
import { ConfigError, getConfig } from "@/core/config";
import { startBackgroundWork } from "@/services/jobs/background";

try {
  const config = getConfig();
  const db = getDb();
  console.log(
    `Worker on ${config.databasePath}: ${config.resendApiKey ? "sending through Resend" : "no RESEND_API_KEY, keeping emails in the local outbox"}`,
  );
  const work = startBackgroundWork(db);
  const stop = () => {
    work.stop().then(() => {
      closeDb();
      process.exit(0);
    });
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (err) {
  if (err instanceof ConfigError || err instanceof DatabaseOpenError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
