// A chat platform's 429 with Retry-After (Slack sends seconds; an HTTP date is allowed too): that channel's
// next attempt waits as long as it asked (capped), the wait costs none of its retries, and other channels
// are not held up. Real HTTP to receivers on 127.0.0.1.
import { createServer, type Server } from "node:http";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { deliveries, subscribers } from "@/db/schema";
import { MAX_RETRY_AFTER_MS } from "@/core/retry-after";
import { HOUR, MINUTE } from "@/core/time";
import { RATE_LIMITED_FOR_MS } from "./deliver";
import { createIncident } from "@/services/incidents/incident-verbs";
import { runNotificationJobs, type JobOptions } from "@/services/notifications/jobs";
import { addComponent, addMember, emptyPage, T0 } from "@/services/testing/scenario";
import { registerChat } from "./register";

/** Answers per path: a queue of [status, headers] for each, 200 once it is empty. */
const answers = new Map<string, [number, Record<string, string>][]>();
const hits: string[] = [];
let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const path = req.url ?? "/";
      hits.push(path);
      const [status, headers] = answers.get(path)?.shift() ?? [200, {}];
      res.writeHead(status, { "Content-Type": "text/plain", ...headers }).end(status === 200 ? "ok" : "slow down");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let db: Db;
let componentId: string;
let editor: ReturnType<typeof addMember>;
beforeEach(() => {
  const page = emptyPage("Europe/Berlin");
  db = page.db;
  componentId = addComponent(db, page.pageId, "Webmail");
  editor = addMember(db, "editor");
  answers.clear();
  hits.length = 0;
});
afterEach(() => db.$client.close());

const BASE = "https://status.example.org";
const jobs: JobOptions = { mailer: null, publicUrl: BASE, chat: { allowLoopback: true, random: () => 0.5 } };
const run = (now: number) => runNotificationJobs(db, now, { ...jobs, clock: () => now });
const register = (path: string) =>
  registerChat(
    db,
    { platform: "slack", url: `http://127.0.0.1:${port}${path}` },
    { origin: "console", allowLoopback: true, publicUrl: BASE, now: T0 },
  );
const deliveryTo = (path: string) => {
  const id = db
    .select({ id: subscribers.id })
    .from(subscribers)
    .where(eq(subscribers.webhookUrl, `http://127.0.0.1:${port}${path}`))
    .get()!.id;
  return db
    .select()
    .from(deliveries)
    .where(eq(deliveries.channel, "chat"))
    .all()
    .filter((d) => d.recipients[0] === id);
};
const incident = (name: string, at: number) =>
  createIncident(db, editor, { name, message: "Looking", componentStatuses: { [componentId]: "major_outage" } }, at);

describe("chat 429 with Retry-After", () => {
  it("holds that channel for the seconds it asked, counts no attempt, and the other channel gets its message", async () => {
    await register("/limited");
    await register("/fine");
    hits.length = 0;
    answers.set("/limited", [[429, { "Retry-After": "120" }]]);
    incident("Mail down", T0);
    incident("Calendar down", T0);
    const at = T0 + MINUTE;
    await run(at);
    expect(deliveryTo("/fine").map((d) => d.state)).toEqual(["sent", "sent"]);
    const held = deliveryTo("/limited");
    // The one that got the 429 and the one still waiting both wait the 120 s out; neither burnt an attempt.
    expect(held.filter((d) => d.state === "pending")).toHaveLength(2);
    for (const d of held) expect(d).toMatchObject({ attempts: 0, nextAttemptAt: at + 120_000 });
    expect(hits.filter((h) => h === "/limited")).toHaveLength(1);

    await run(at + 60_000);
    expect(hits.filter((h) => h === "/limited")).toHaveLength(1);
    await run(at + 120_000);
    expect(deliveryTo("/limited").map((d) => d.state)).toEqual(["sent", "sent"]);
    // The circuit breaker was not tripped: a 429 is the channel alive and busy.
    const row = db
      .select()
      .from(subscribers)
      .where(eq(subscribers.webhookUrl, `http://127.0.0.1:${port}/limited`))
      .get()!;
    expect(row).toMatchObject({ circuitFailures: 0, circuitOpenUntil: null, webhookFailingSince: null });
  });

  it("reads an HTTP date, and caps a wait of days at an hour", async () => {
    await register("/dated");
    const at = T0 + MINUTE;
    // The date is read against the real clock when the answer arrives: 90 s from then.
    answers.set("/dated", [[429, { "Retry-After": new Date(Date.now() + 90_000).toUTCString() }]]);
    incident("Mail down", T0);
    await run(at);
    const [d] = deliveryTo("/dated");
    expect(d.attempts).toBe(0);
    expect(d.nextAttemptAt - at).toBeGreaterThan(85_000);
    expect(d.nextAttemptAt - at).toBeLessThanOrEqual(90_000);

    answers.set("/dated", [[429, { "Retry-After": String(3 * 24 * 3600) }]]);
    await run(d.nextAttemptAt);
    const [again] = deliveryTo("/dated");
    expect(again.nextAttemptAt).toBe(d.nextAttemptAt + MAX_RETRY_AFTER_MS);
  });

  it("a channel that keeps answering 429 gives up after a day, like the retry schedule", async () => {
    await register("/busy");
    answers.set(
      "/busy",
      Array.from({ length: 40 }, () => [429, { "Retry-After": "3600" }] as [number, Record<string, string>]),
    );
    incident("Mail down", T0);
    let now = T0 + MINUTE;
    for (let i = 0; i < 30; i++) {
      await run(now);
      const [d] = deliveryTo("/busy");
      if (d.state !== "pending") break;
      now = d.nextAttemptAt;
    }
    const [d] = deliveryTo("/busy");
    expect(d.state).toBe("failed");
    expect(d.completedAt! - T0).toBeGreaterThanOrEqual(RATE_LIMITED_FOR_MS);
    expect(d.completedAt! - T0).toBeLessThan(RATE_LIMITED_FOR_MS + 2 * HOUR);
  });
});
