// Everything that runs in the background: the monitor scheduler, the scheduled jobs (maintenance automation,
// recurring maintenance, email retention, the session purge, monitor upkeep) every few seconds, and the notification worker, which paces itself by the mail API's limits. The server
// process starts this once; `npm run worker` runs it on its own for deployments that separate it.
import type { Db } from "@/db";
import { unavailableReason } from "@/db/unavailable";
import { generateRecurringMaintenances } from "@/services/incidents/recurrence";
import { createMonitorScheduler } from "@/services/monitors/scheduler";
import { runMonitorUpkeep } from "@/services/monitors/upkeep";
import { runReportAddressRetention } from "@/services/reports/address-retention";
import { queueMonthlyReports } from "@/services/reports/monthly-email";
import { startNotificationWorker } from "@/services/notifications/worker-loop";
import { runEmailRetention } from "./email-retention";
import { runMaintenanceAutomation } from "./maintenance-automation";
import { startJobRunner, type Job } from "./runner";
import { runSessionPurge } from "./session-purge";
import { backupJob, parseBackupConfig } from "@/services/backup/job";

export const SCHEDULED_JOBS: Job[] = [
  { name: "maintenance automation", run: (db, now) => runMaintenanceAutomation(db, now) },
  { name: "recurring maintenance", run: (db, now) => generateRecurringMaintenances(db, now) },
  { name: "email retention", run: (db, now) => runEmailRetention(db, now) },
  { name: "session purge", run: (db, now) => runSessionPurge(db, now) },
  { name: "monitor upkeep", run: (db, now) => runMonitorUpkeep(db, now) },
  { name: "report address retention", run: (db, now) => runReportAddressRetention(db, now) },
  { name: "monthly report email", run: (db, now) => queueMonthlyReports(db, now) },
];

export function startBackgroundWork(db: Db, options: { log?: (message: string) => void; intervalMs?: number } = {}) {
  const log = options.log ?? ((m: string) => console.log(m));
  const runner = startJobRunner({
    getDb: () => db,
    // Snapshots too when BACKUP_FOLDER is set (services/backup).
    jobs: [...SCHEDULED_JOBS, ...[backupJob(parseBackupConfig(process.env), log)].filter((j) => j !== undefined)],
    intervalMs: options.intervalMs ?? 5_000,
    log,
  });
  const worker = startNotificationWorker(db, {
    onTick: (r) => {
      if (r.fannedOut + r.sent + r.retried + r.failed + r.parked > 0) {
        log(
          `notifications: fanned out ${r.fannedOut}, sent ${r.sent}, retrying ${r.retried}, failed ${r.failed}, parked ${r.parked}`,
        );
      }
    },
    onError: (err, { failures, retryInMs }) =>
      log(
        `notifications: tick failed (${failures} in a row), next try in ${retryInMs < 1000 ? `${retryInMs} ms` : `${Math.round(retryInMs / 1000)} s`}: ${unavailableReason(err)}`,
      ),
  });
  // Monitors tick every second: checks are due at interval-aligned times and must not wait for the job runner.
  const monitors = createMonitorScheduler({ db, log });
  return {
    stop: async () => {
      await Promise.all([runner.stop(), worker.stop(), monitors.stop()]);
    },
  };
}
