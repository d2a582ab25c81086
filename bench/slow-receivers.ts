// `npm run bench:slow-receivers`: email to 2,000 subscribers (fake Resend, 20 ms a request) alone, then next
// to ten webhooks that never answer and one healthy webhook, in the same run on the same machine. Prints both
// times, their ratio (the baseline is the first run) and when the healthy webhook got its POST. The test
// (services/notifications/slow-receivers.test.ts) checks the order of events; this is where the time is.
import { startFakeResend } from "@/services/testing/fake-resend";
import { addConfirmedSubscribers, makeWorld } from "@/services/testing/notification-fixtures";
import { addReceivers, runIncident, startHangingServer, until } from "@/services/testing/slow-receivers";
import { startWebhookReceiver } from "@/services/testing/webhook-receiver";

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 2000);

async function main() {
  const fake = await startFakeResend({ latencyMs: 20 });
  const healthy = await startWebhookReceiver();
  const hanging = await startHangingServer();
  try {
    const quiet = makeWorld();
    addConfirmedSubscribers(quiet, SUBSCRIBERS);
    const baselineMs = await runIncident(quiet, fake, SUBSCRIBERS);
    quiet.db.$client.close();

    fake.reset();
    const busy = makeWorld();
    addConfirmedSubscribers(busy, SUBSCRIBERS);
    addReceivers(busy, hanging, healthy);
    const startedAt = Date.now();
    let healthyAfterMs = NaN;
    const withHangingMs = await runIncident(busy, fake, SUBSCRIBERS, async () => {
      await until(() => healthy.requests.length >= 1, 30_000, "the healthy webhook");
      healthyAfterMs = healthy.requests[0].at - startedAt;
    });
    busy.db.$client.close();
    console.log(`subscribers:                         ${SUBSCRIBERS}`);
    console.log(`email alone (baseline):              ${baselineMs} ms`);
    console.log(`email next to 10 hanging webhooks:   ${withHangingMs} ms`);
    console.log(`ratio to the baseline:               ${(withHangingMs / baselineMs).toFixed(2)}`);
    console.log(`healthy webhook's POST after:        ${healthyAfterMs} ms (a hanging POST holds its slot 10,000 ms)`);
  } finally {
    await Promise.all([fake.close(), healthy.close(), hanging.close()]);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
