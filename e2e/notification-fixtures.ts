// Fixtures for specs that read real emails: a fake Resend server in the test process, and the real
// notification worker delivering the server's outbox (same database file) to it through the real SDK.
import { createResendMailer } from "@/lib/mail/send";
import { startNotificationWorker } from "@/lib/notifications/worker-loop";
import { startFakeResend, type FakeResend, type RecordedEmail } from "@/lib/testing/fake-resend";
import { test as base, expect } from "./fixtures";

export interface MailFixtures {
  fakeResend: FakeResend;
  /** Polls the fake server (over HTTP, as another process would) for the newest email to `to` matching `subject`. */
  inbox: (to: string, subject: RegExp) => Promise<RecordedEmail>;
}

export const test = base.extend<{ inbox: MailFixtures["inbox"] }, { fakeResend: FakeResend; notificationWorker: void }>({
  fakeResend: [
    async ({}, use) => {
      const fake = await startFakeResend();
      await use(fake);
      await fake.close();
    },
    { scope: "worker" },
  ],
  notificationWorker: [
    async ({ db, fakeResend }, use, workerInfo) => {
      const publicUrl = String(workerInfo.project.use.baseURL);
      const worker = startNotificationWorker(db, { mailer: createResendMailer("re_e2e", fakeResend.url), publicUrl, idleMs: 100 });
      await use();
      await worker.stop();
    },
    { scope: "worker", auto: true },
  ],
  inbox: async ({ fakeResend }, use) => {
    await use(async (to, subject) => {
      let found: RecordedEmail | undefined;
      await expect
        .poll(async () => {
          const { data } = (await (await fetch(`${fakeResend.url}/_test/emails`)).json()) as { data: RecordedEmail[] };
          found = data.filter((e) => e.to.includes(to) && subject.test(e.subject)).at(-1);
          return found !== undefined;
        }, { timeout: 15_000 })
        .toBe(true);
      return found!;
    });
  },
});

export { expect };
