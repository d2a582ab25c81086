// `npm run bench:notify-mixed`: one incident update to 10,000 email subscribers, 1,000 chat channels (Slack,
// Teams, Discord and Google Chat in turn, all a receiver on 127.0.0.1) and 1,000 SMS numbers at once, through
// the real pipeline: the real Resend SDK to the fake Resend server (2 requests a second), real HTTP POSTs to the
// receiver, and the real twilio SDK to the fake Twilio server (its own process on 127.0.0.1, like fake Resend).
// Prints the email part against its bound (chat and SMS have their own lanes, so email should not notice them)
// and each channel's throughput, duplicates and losses.
import { spawn } from "node:child_process";
import path from "node:path";
import { eq } from "drizzle-orm";
import { CHAT_PLATFORMS } from "@/db/constants";
import { deliveries } from "@/db/schema";
import { insertChatSubscriber } from "@/db/writes/chat";
import { upsertPendingSmsSubscriber } from "@/db/writes/sms";
import { confirmSubscriber } from "@/db/writes/subscribers";
import { enqueueNotification } from "@/db/writes/outbox";
import { insertIncident, insertIncidentUpdate } from "@/db/writes/incidents";
import { newId } from "@/core/ids";
import { createResendMailer } from "@/services/mail/send";
import { startNotificationWorker } from "@/services/notifications/worker-loop";
import { twilioSender } from "@/services/sms/twilio";
import { addConfirmedSubscribers, makeWorld } from "@/services/testing/notification-fixtures";
import { startWebhookReceiver } from "@/services/testing/webhook-receiver";

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
const CHANNELS = Number(process.env.BENCH_CHAT ?? 1_000);
const NUMBERS = Number(process.env.BENCH_SMS ?? 1_000);
const LIMIT = 2;
const PORT = 20_000 + Math.floor(Math.random() * 20_000);
const FAKE = `http://127.0.0.1:${PORT}`;
const TWILIO_PORT = PORT + 1;
const TWILIO = `http://127.0.0.1:${TWILIO_PORT}`;
const TWILIO_SID = `AC${"0".repeat(32)}`;
const TWILIO_TOKEN = "bench".padEnd(32, "0");
/** Distinct valid E.164 numbers (German mobile range). */
const benchNumber = (i: number) => `+49170${String(1_000_000 + i).padStart(7, "0")}`;

async function main() {
  const fake = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/fake-resend.ts", String(PORT)], {
    env: { ...process.env, FAKE_RESEND_RATE_LIMIT: String(LIMIT) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const twilio = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/fake-twilio.ts", String(TWILIO_PORT)], {
    env: { ...process.env, FAKE_TWILIO_ACCOUNT_SID: TWILIO_SID, FAKE_TWILIO_AUTH_TOKEN: TWILIO_TOKEN },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await Promise.all(
    [fake, twilio].map((child) => new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()))),
  );
  const receiver = await startWebhookReceiver();
  try {
    const world = makeWorld();
    addConfirmedSubscribers(world, SUBSCRIBERS);
    world.db.transaction((tx) => {
      for (let i = 0; i < CHANNELS; i++)
        insertChatSubscriber(tx, {
          id: newId(),
          pageId: world.pageId,
          platform: CHAT_PLATFORMS[i % CHAT_PLATFORMS.length],
          url: receiver.url(`/chat/${i}`),
          email: null,
          componentIds: [],
          origin: "console",
          at: Date.now(),
        });
      // Verified numbers that widened SMS to every incident (the update below is of minor impact).
      for (let i = 0; i < NUMBERS; i++) {
        const id = upsertPendingSmsSubscriber(tx, world.pageId, null, {
          phone: benchNumber(i),
          componentIds: [],
          allImpacts: true,
          codeHash: "bench",
          at: Date.now(),
          expiresAt: Date.now() + 600_000,
        });
        confirmSubscriber(tx, id, Date.now());
      }
    });
    const worker = startNotificationWorker(world.db, {
      mailer: createResendMailer("re_bench", FAKE),
      publicUrl: "https://status.example.org",
      from: "Status <status@example.org>",
      chat: { allowLoopback: true },
      sms: twilioSender({ accountSid: TWILIO_SID, authToken: TWILIO_TOKEN, from: "+15005550006", baseUrl: TWILIO }),
      onError: (e) => console.error(e),
    });
    const committedAt = Date.now();
    let notificationId = "";
    world.db.transaction((tx) => {
      const incidentId = insertIncident(tx, {
        pageId: world.pageId,
        kind: "incident",
        name: "Webmail slow to load",
        status: "investigating",
        startedAt: committedAt,
        at: committedAt,
        componentIds: [world.webmail],
      });
      const incidentUpdateId = insertIncidentUpdate(tx, {
        incidentId,
        status: "investigating",
        body: "Pages take a **minute** to load. See [the history](/history).",
        displayAt: committedAt,
        at: committedAt,
        deliverNotifications: true,
        componentStatuses: { [world.webmail]: "degraded_performance" },
      });
      notificationId = enqueueNotification(tx, {
        pageId: world.pageId,
        kind: "incident_created",
        incidentId,
        incidentUpdateId,
        at: committedAt,
      });
    });
    const done = () => {
      const rows = world.db
        .select({ channel: deliveries.channel, state: deliveries.state, updatedAt: deliveries.updatedAt })
        .from(deliveries)
        .where(eq(deliveries.notificationId, notificationId))
        .all();
      return rows.length > 0 && rows.every((d) => d.state === "sent" || d.state === "failed") ? rows : null;
    };
    const end = Date.now() + 600_000;
    let rows = done();
    while (!rows) {
      if (Date.now() > end) throw new Error("timed out");
      await new Promise((r) => setTimeout(r, 100));
      rows = done();
    }
    await worker.stop();

    const emails = (
      (await (await fetch(`${FAKE}/_test/emails?light=1`)).json()) as { data: { to: string[]; at: number }[] }
    ).data;
    const emailSeconds = (Math.max(...emails.map((e) => e.at)) - committedAt) / 1000;
    const bound = SUBSCRIBERS / 100 / LIMIT;
    const chat = receiver.requests;
    const chatSeconds = (Math.max(...chat.map((r) => r.at)) - committedAt) / 1000;
    const perChannel = new Map<string, number>();
    for (const r of chat) perChannel.set(r.path, (perChannel.get(r.path) ?? 0) + 1);
    const chatDuplicates = [...perChannel.values()].reduce((n, c) => n + (c - 1), 0);
    const chatLosses = CHANNELS - perChannel.size;
    const chatFailed = rows.filter((d) => d.channel === "chat" && d.state === "failed").length;
    const sms = ((await (await fetch(`${TWILIO}/_test/messages`)).json()) as { data: { to: string; at: number }[] })
      .data;
    const smsSeconds = (Math.max(...sms.map((m) => m.at)) - committedAt) / 1000;
    const perNumber = new Map<string, number>();
    for (const m of sms) perNumber.set(m.to, (perNumber.get(m.to) ?? 0) + 1);
    const smsDuplicates = [...perNumber.values()].reduce((n, c) => n + (c - 1), 0);
    const smsLosses = NUMBERS - perNumber.size;
    const smsFailed = rows.filter((d) => d.channel === "sms" && d.state === "failed").length;
    console.log(`email subscribers:               ${SUBSCRIBERS} (fake Resend: ${LIMIT} requests/s, batches of 100)`);
    console.log(`chat channels:                   ${CHANNELS} (${CHAT_PLATFORMS.join(", ")} in turn)`);
    console.log(
      `email: commit -> last accepted:  ${emailSeconds.toFixed(2)} s (bound ${bound.toFixed(2)} s, ratio ${(emailSeconds / bound).toFixed(3)})`,
    );
    console.log(`email throughput:                ${(emails.length / emailSeconds).toFixed(0)} emails/s`);
    console.log(`chat: commit -> last received:   ${chatSeconds.toFixed(2)} s`);
    console.log(`chat throughput:                 ${(chat.length / chatSeconds).toFixed(0)} messages/s`);
    console.log(`chat duplicates / losses / failed: ${chatDuplicates} / ${chatLosses} / ${chatFailed}`);
    console.log(`sms numbers:                     ${NUMBERS} (fake Twilio, its own process)`);
    console.log(`sms: commit -> last accepted:    ${smsSeconds.toFixed(2)} s`);
    console.log(`sms throughput:                  ${(sms.length / smsSeconds).toFixed(0)} messages/s`);
    console.log(`sms duplicates / losses / failed:  ${smsDuplicates} / ${smsLosses} / ${smsFailed}`);
    world.db.$client.close();
    if (chatDuplicates > 0 || chatLosses > 0 || emails.length < SUBSCRIBERS) process.exitCode = 1;
    if (smsDuplicates > 0 || smsLosses > 0) process.exitCode = 1;
  } finally {
    await receiver.close();
    fake.kill("SIGTERM");
    twilio.kill("SIGTERM");
  }
}

main();
