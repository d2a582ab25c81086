// A notification worker in its own process, for the crash test: it runs the pipeline against the given
// database file and Resend URL until killed, or until the outbox is empty.
//   tsx services/testing/notify-child.ts <database file> <resend base url>
import { openDatabase } from "@/db";
import { createResendMailer } from "@/services/mail/send";
import { runNotificationJobs } from "@/services/notifications/jobs";

const [file, baseUrl] = process.argv.slice(2);
const db = openDatabase(file);
const mailer = createResendMailer("re_test", baseUrl);

async function main() {
  for (;;) {
    const r = await runNotificationJobs(db, Date.now(), {
      mailer,
      leaseMs: Number(process.env.LEASE_MS ?? 60_000),
      publicUrl: "https://status.example.org",
      from: "Status <status@example.org>",
    });
    if (r.nextDueAt === null) break;
    await new Promise((res) => setTimeout(res, 20));
  }
  db.$client.close();
}

main();
