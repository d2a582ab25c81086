// Fixtures for specs that read real emails. The run has one fake Resend server (playwright.config.ts starts
// it); the app under test delivers its outbox to it through the real SDK, as it would to Resend, and specs
// read what arrived over HTTP.
import type { RecordedEmail } from "@/services/testing/fake-resend";
import { test as base, expect } from "./fixtures";

export interface MailFixtures {
  /** The fake Resend server's address. */
  fakeResendUrl: string;
  /** Polls the fake server for the newest email to `to` matching `subject`. */
  inbox: (to: string, subject: RegExp) => Promise<RecordedEmail>;
}

export const test = base.extend<{ inbox: MailFixtures["inbox"] }, { fakeResendUrl: string }>({
  fakeResendUrl: [
    async ({}, use) => {
      const url = process.env.E2E_FAKE_RESEND_URL;
      if (!url) throw new Error("E2E_FAKE_RESEND_URL is not set; run the tests through playwright.config.ts");
      await use(url);
    },
    { scope: "worker" },
  ],
  inbox: async ({ fakeResendUrl }, use) => {
    await use(async (to, subject) => {
      let found: RecordedEmail | undefined;
      await expect
        .poll(
          async () => {
            const { data } = (await (await fetch(`${fakeResendUrl}/_test/emails`)).json()) as { data: RecordedEmail[] };
            found = data.filter((e) => e.to.includes(to) && subject.test(e.subject)).at(-1);
            return found !== undefined;
          },
          { timeout: 15_000 },
        )
        .toBe(true);
      return found!;
    });
  },
});

export { expect };
