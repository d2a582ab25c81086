// Runs the fake Resend server on its own (Playwright's webServer, manual testing):
//   npx tsx scripts/fake-resend.ts [port]
import { startFakeResend } from "@/services/testing/fake-resend";

const port = Number(process.argv[2] ?? process.env.FAKE_RESEND_PORT ?? 0);
const rateLimit = Number(process.env.FAKE_RESEND_RATE_LIMIT ?? 0);

startFakeResend({ port, rateLimit }).then((fake) => {
  console.log(`fake Resend listening on ${fake.url}`);
  const stop = () => fake.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
});
