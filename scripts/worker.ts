// `npm run worker`: delivers notifications from the outbox until stopped (Ctrl-C or SIGTERM finish the
// current send first). Without RESEND_API_KEY, emails go to the local outbox.
import { closeDb, DatabaseOpenError, getDb } from "@/db";
import { ConfigError, getConfig } from "@/lib/config";
import { startNotificationWorker } from "@/lib/notifications/worker-loop";

try {
  const config = getConfig();
  const db = getDb();
  console.log(`Notification worker on ${config.databasePath}: ${config.resendApiKey ? "sending through Resend" : "no RESEND_API_KEY, keeping emails in the local outbox"}`);
  const worker = startNotificationWorker(db, {
    onTick: (r) => {
      if (r.fannedOut + r.sent + r.retried + r.failed + r.parked > 0) {
        console.log(`fanned out ${r.fannedOut}, sent ${r.sent}, retrying ${r.retried}, failed ${r.failed}, parked ${r.parked}`);
      }
    },
    onError: (err) => console.error("Notification tick failed:", err instanceof Error ? err.message : err),
  });
  const stop = () => {
    worker.stop().then(() => {
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
