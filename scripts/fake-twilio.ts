// Runs the fake Twilio server on its own (Playwright's webServer, manual testing):
//   FAKE_TWILIO_ACCOUNT_SID=AC... FAKE_TWILIO_AUTH_TOKEN=... npx tsx scripts/fake-twilio.ts [port]
import { startFakeTwilio } from "@/services/testing/fake-twilio";

const port = Number(process.argv[2] ?? process.env.FAKE_TWILIO_PORT ?? 0);

startFakeTwilio({
  port,
  accountSid: process.env.FAKE_TWILIO_ACCOUNT_SID,
  authToken: process.env.FAKE_TWILIO_AUTH_TOKEN,
}).then((fake) => {
  console.log(`fake Twilio listening on ${fake.url} (account ${fake.accountSid})`);
  const stop = () => fake.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
});
