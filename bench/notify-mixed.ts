// `npm run bench:notify-mixed`: one incident update to 10,000 email subscribers, 1,000 chat channels (Slack,
// Teams, Discord and Google Chat in turn, all a receiver on 127.0.0.1) and 1,000 SMS numbers at once, through
// the real pipeline: the real Resend SDK to the fake Resend server (2 requests a second), real HTTP POSTs to the
// receiver, and the real twilio SDK to the fake Twilio server (its own process on 127.0.0.1, like fake Resend).
// The same emails are first sent alone, in the same run, so the email part of the mixed run is measured
// against what this machine does right now (the shared machine's load moves a lot between runs): chat and SMS
// have their own lanes, so email should not notice them. Prints each channel's throughput, duplicates, losses,
// and the worker process's CPU per message.
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
import { addConfirmedSubscribers, makeWorld, type World } from "@/services/testing/notification-fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "@/services/testing/webhook-receiver";

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
const CHANNELS = Number(process.env.BENCH_CHAT ?? 1_000);
const NUMBERS = Number(process.env.BENCH_SMS ?? 1_000);
/** BENCH_BASELINE=0 skips the email-only run. */
const BASELINE = process.env.BENCH_BASELINE !== "0";
const LIMIT = 2;
const PORT = 20_000 + Math.floor(Math.random() * 20_000);
const TWILIO_SID = `AC${"0".repeat(32)}`;
const TWILIO_TOKEN = "bench".padEnd(32, "0");
/** Distinct valid E.164 numbers (German mobile range). */
const benchNumber = (i: number) => `+49170${String(1_000_000 + i).padStart(7, "0")}`;

interface Servers {
  resend: string;
  twilio: string;
  receiver: WebhookReceiver;
}

interface ChannelResult {
  seconds: number;
  count: number;
  duplicates: number;
  losses: number;
  failed: number;
}

interface PhaseResult {
  email: ChannelResult;
  chat: ChannelResult | null;
  sms: ChannelResult | null;
  /** CPU of this process (the worker, and the in-process chat receiver) from the commit to the last send. */
  cpuMs: number;
}

function startChild(script: string, port: number, env: Record<string, string>) {
  const child = spawn(path.resolve("node_modules/.bin/tsx"), [script, String(port)], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const ready = new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
  return { child, ready };
}

function addChannels(world: World, receiver: WebhookReceiver, channels: number, numbers: number) {
  world.db.transaction((tx) => {
    for (let i = 0; i < channels; i++)
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
    for (let i = 0; i < numbers; i++) {
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
}

function commitUpdate(world: World): { committedAt: number; notificationId: string } {
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
  return { committedAt, notificationId };
}

/** Duplicates and losses by recipient, counted where the messages arrived. */
function count(keys: string[], expected: number, committedAt: number, ats: number[], failed: number): ChannelResult {
  const per = new Map<string, number>();
  for (const k of keys) per.set(k, (per.get(k) ?? 0) + 1);
  return {
    seconds: (Math.max(...ats) - committedAt) / 1000,
    count: keys.length,
    duplicates: [...per.values()].reduce((n, c) => n + (c - 1), 0),
    losses: expected - per.size,
    failed,
  };
}

async function recordedEmails(servers: Servers) {
  const answer = await fetch(`${servers.resend}/_test/emails?light=1`);
  return ((await answer.json()) as { data: { to: string[]; at: number }[] }).data;
}

async function recordedSms(servers: Servers) {
  const answer = await fetch(`${servers.twilio}/_test/messages`);
  return ((await answer.json()) as { data: { to: string; at: number }[] }).data;
}

async function runPhase(servers: Servers, channels: number, numbers: number): Promise<PhaseResult> {
  // What the servers recorded before this phase is not part of it.
  const emailsBefore = (await recordedEmails(servers)).length;
  const smsBefore = (await recordedSms(servers)).length;
  servers.receiver.requests.length = 0;
  const world = makeWorld();
  addConfirmedSubscribers(world, SUBSCRIBERS);
  addChannels(world, servers.receiver, channels, numbers);
  const worker = startNotificationWorker(world.db, {
    mailer: createResendMailer("re_bench", servers.resend),
    publicUrl: "https://status.example.org",
    from: "Status <status@example.org>",
    chat: { allowLoopback: true },
    sms: twilioSender({
      accountSid: TWILIO_SID,
      authToken: TWILIO_TOKEN,
      from: "+15005550006",
      baseUrl: servers.twilio,
    }),
    onError: (e) => console.error(e),
  });
  // The renderer warms up before the commit, as in a server that has been running.
  await new Promise((r) => setTimeout(r, 1000));
  const cpuBefore = process.cpuUsage();
  const { committedAt, notificationId } = commitUpdate(world);
  const done = () => {
    const rows = world.db
      .select({ channel: deliveries.channel, state: deliveries.state })
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
  const cpu = process.cpuUsage(cpuBefore);
  await worker.stop();
  world.db.$client.close();
  const failed = (channel: string) => rows.filter((d) => d.channel === channel && d.state === "failed").length;

  const emails = (await recordedEmails(servers)).slice(emailsBefore);
  const email = count(
    emails.flatMap((e) => e.to),
    SUBSCRIBERS,
    committedAt,
    emails.map((e) => e.at),
    failed("email"),
  );
  const chatRequests = servers.receiver.requests;
  const chat =
    channels > 0
      ? count(
          chatRequests.map((r) => r.path),
          channels,
          committedAt,
          chatRequests.map((r) => r.at),
          failed("chat"),
        )
      : null;
  const messages = (await recordedSms(servers)).slice(smsBefore);
  const sms =
    numbers > 0
      ? count(
          messages.map((m) => m.to),
          numbers,
          committedAt,
          messages.map((m) => m.at),
          failed("sms"),
        )
      : null;
  return { email, chat, sms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const bound = SUBSCRIBERS / 100 / LIMIT;
const line = (label: string, value: string) => console.log(`${label.padEnd(42)}${value}`);

function report(name: string, r: PhaseResult) {
  const messages = r.email.count + (r.chat?.count ?? 0) + (r.sms?.count ?? 0);
  line(
    `${name} email: commit -> last accepted`,
    `${r.email.seconds.toFixed(2)} s (${(r.email.seconds / bound).toFixed(3)} of the ${bound.toFixed(0)} s bound), ${(r.email.count / r.email.seconds).toFixed(0)} emails/s`,
  );
  for (const [label, c] of [
    ["chat", r.chat],
    ["sms", r.sms],
  ] as const)
    if (c)
      line(
        `${name} ${label}: commit -> last`,
        `${c.seconds.toFixed(2)} s, ${(c.count / c.seconds).toFixed(0)} messages/s`,
      );
  line(
    `${name} duplicates / losses / failed`,
    [r.email, r.chat, r.sms]
      .filter((c): c is ChannelResult => c !== null)
      .map((c) => `${c.duplicates}/${c.losses}/${c.failed}`)
      .join("  "),
  );
  line(`${name} worker CPU`, `${(r.cpuMs / 1000).toFixed(2)} s, ${(r.cpuMs / messages).toFixed(3)} ms per message`);
}

async function main() {
  const resend = startChild("scripts/fake-resend.ts", PORT, { FAKE_RESEND_RATE_LIMIT: String(LIMIT) });
  const twilio = startChild("scripts/fake-twilio.ts", PORT + 1, {
    FAKE_TWILIO_ACCOUNT_SID: TWILIO_SID,
    FAKE_TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
  });
  await Promise.all([resend.ready, twilio.ready]);
  const receiver = await startWebhookReceiver();
  const servers = { resend: `http://127.0.0.1:${PORT}`, twilio: `http://127.0.0.1:${PORT + 1}`, receiver };
  try {
    line("email subscribers", `${SUBSCRIBERS} (fake Resend: ${LIMIT} requests/s, batches of 100)`);
    line("chat channels", `${CHANNELS} (${CHAT_PLATFORMS.join(", ")} in turn)`);
    line("sms numbers", `${NUMBERS} (fake Twilio, its own process)`);
    const alone = BASELINE ? await runPhase(servers, 0, 0) : null;
    if (alone) report("email only:", alone);
    const mixed = await runPhase(servers, CHANNELS, NUMBERS);
    report("mixed:", mixed);
    if (alone) {
      const ratio = mixed.email.seconds / alone.email.seconds;
      line("email, mixed vs email only", `${ratio.toFixed(3)} (bound 1.100: ${ratio <= 1.1 ? "met" : "missed"})`);
      const others = (mixed.chat?.count ?? 0) + (mixed.sms?.count ?? 0);
      if (others > 0)
        line(
          "CPU per chat or SMS message",
          `${((mixed.cpuMs - alone.cpuMs) / others).toFixed(3)} ms (mixed minus email only)`,
        );
    }
    const all = [alone?.email, mixed.email, mixed.chat, mixed.sms].filter((c): c is ChannelResult => !!c);
    if (all.some((c) => c.duplicates > 0 || c.losses > 0)) process.exitCode = 1;
  } finally {
    await receiver.close();
    resend.child.kill("SIGTERM");
    twilio.child.kill("SIGTERM");
  }
}

main();
