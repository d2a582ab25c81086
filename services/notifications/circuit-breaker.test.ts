// The per-endpoint circuit breaker, with a recording HTTP client and an injected clock: after five failures
// in a row a receiver's deliveries wait out the cool-down untried (no retries burnt), one probe follows, and
// a success lets everything through; other receivers are never held up.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deliveries, subscribers } from "@/db/schema";
import { setComponentStatus } from "@/db/writes/components";
import { insertWebhookSubscriber } from "@/db/writes/webhooks";
import { addComponent, emptyPage, T0 } from "@/services/testing/scenario";
import { MINUTE } from "@/core/time";
import type { PostRequest, PostResult } from "@/services/webhooks/send";
import { CIRCUIT_BASE_COOLDOWN_MS, CIRCUIT_THRESHOLD, circuitCooldownMs, circuitState } from "./circuit-breaker";
import { runNotificationJobs, type JobOptions } from "./jobs";

describe("circuitCooldownMs", () => {
  it("stays closed below the threshold, then doubles from 5 minutes up to an hour", () => {
    expect(circuitCooldownMs(CIRCUIT_THRESHOLD - 1)).toBeNull();
    expect([5, 6, 7, 8, 9, 10, 20].map((n) => circuitCooldownMs(n)! / MINUTE)).toEqual([5, 10, 20, 40, 60, 60, 60]);
    expect(circuitState({ circuitFailures: 5, circuitOpenUntil: T0 }, T0 - 1)).toBe("open");
    expect(circuitState({ circuitFailures: 5, circuitOpenUntil: T0 }, T0)).toBe("half_open");
    expect(circuitState({ circuitFailures: 0, circuitOpenUntil: null }, T0)).toBe("closed");
  });
});

describe("an endpoint that keeps failing", () => {
  it("is skipped for the cool-down without burning retries, probed once, and let through after a success", async () => {
    const { db, pageId } = emptyPage();
    const c = addComponent(db, pageId, "Webmail");
    const at = (url: string) =>
      insertWebhookSubscriber(db, {
        pageId,
        url,
        secret: `whsec_${url}`,
        email: null,
        componentIds: [],
        origin: "console",
        at: T0,
      });
    const broken = at("http://127.0.0.1:9/broken");
    at("http://127.0.0.1:9/fine");
    let brokenAnswers: PostResult = { ok: false, statusCode: 503, error: "HTTP 503" };
    const requests: PostRequest[] = [];
    const post = async (r: PostRequest) => {
      requests.push(r);
      return r.url.pathname === "/broken" ? brokenAnswers : { ok: true, statusCode: 204, error: null };
    };
    const options: JobOptions = {
      mailer: null,
      publicUrl: "https://status.example.org",
      webhooks: { allowLoopback: true, post, random: () => 0.5 },
    };
    const to = (path: string) => requests.filter((r) => r.url.pathname === path).length;
    const brokenRows = () =>
      db
        .select()
        .from(deliveries)
        .all()
        .filter((d) => d.recipients[0] === broken);
    const circuit = () => db.select().from(subscribers).where(eq(subscribers.id, broken)).get()!;

    // Eight status changes: eight deliveries to each receiver (a ninth comes during the cool-down).
    const statuses = ["degraded_performance", "partial_outage", "major_outage", "operational"] as const;
    for (let i = 0; i < 8; i++) setComponentStatus(db, c, statuses[i % 4], T0 + i, { source: "manual" });
    const first = await runNotificationJobs(db, T0 + 10, options);
    expect(to("/fine")).toBe(8);
    // Five tries, then the circuit opened and the other three wait for it, untried.
    expect(to("/broken")).toBe(CIRCUIT_THRESHOLD);
    expect(first.deferred).toBe(0); // moved when the circuit opened, so never even claimed
    const openUntil = circuit().circuitOpenUntil!;
    expect(openUntil - (T0 + 10)).toBeGreaterThanOrEqual(CIRCUIT_BASE_COOLDOWN_MS);
    expect(brokenRows().every((d) => d.state === "pending" && d.nextAttemptAt >= openUntil)).toBe(true);
    expect(brokenRows().reduce((n, d) => n + d.attempts, 0)).toBe(CIRCUIT_THRESHOLD);

    // During the cool-down nothing is tried, not even a new event's delivery (given back untried).
    setComponentStatus(db, c, "major_outage", openUntil - 2000, { source: "manual" });
    const during = await runNotificationJobs(db, openUntil - 1000, options);
    expect(during.deferred).toBe(1);
    expect(to("/broken")).toBe(CIRCUIT_THRESHOLD);
    expect(to("/fine")).toBe(9);

    // Half-open: one probe; it fails, so the circuit opens again for twice as long.
    await runNotificationJobs(db, openUntil + 1000, options);
    expect(to("/broken")).toBe(CIRCUIT_THRESHOLD + 1);
    const reopenedUntil = circuit().circuitOpenUntil!;
    expect(reopenedUntil - (openUntil + 1000)).toBeGreaterThanOrEqual(2 * CIRCUIT_BASE_COOLDOWN_MS);
    expect(brokenRows().reduce((n, d) => n + d.attempts, 0)).toBe(CIRCUIT_THRESHOLD + 1);

    // The receiver recovers: the probe succeeds and every waiting delivery follows, one at a time.
    brokenAnswers = { ok: true, statusCode: 200, error: null };
    await runNotificationJobs(db, reopenedUntil + 1000, options);
    expect(brokenRows().every((d) => d.state === "sent")).toBe(true);
    expect(to("/broken")).toBe(CIRCUIT_THRESHOLD + 1 + 9);
    expect(circuit()).toMatchObject({
      circuitFailures: 0,
      circuitOpenUntil: null,
      webhookFailingSince: null,
      webhookDisabledAt: null,
    });
    expect(to("/fine")).toBe(9);
  });
});
