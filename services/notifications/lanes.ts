// Delivery lanes: every channel of the outbox (email, webhooks, and the chat and SMS channels to come) has
// its own lane with its own number of sends in flight, so a channel that is slow, or one endpoint that
// hangs, never holds up another. A lane may also allow only one send in flight per endpoint (the first
// recipient of a delivery: a webhook subscriber), so one receiver's timeouts use one slot, not all of them,
// and may keep some slots for endpoints that are not failing. Claims go through the outbox's lease, so
// "never lose, never duplicate" still holds: a delivery is either claimed by one lane or waiting. All lanes
// share one event loop, so in the worker loop they also take turns for it (keepLanesFull).
import { performance } from "node:perf_hooks";
import type { Db } from "@/db";
import type { DeliveryChannel } from "@/db/constants";
import type { Delivery } from "@/db/schema";
import { claimDueDelivery } from "@/db/writes/outbox-claim";

/** deferred: given back untried, because its endpoint's circuit is open (services/notifications/circuit-breaker.ts). */
export type DeliveryOutcome = "sent" | "retried" | "failed" | "parked" | "deferred";

export interface LaneSpec {
  /** Sends in flight at once in this lane. */
  concurrency: number;
  /** At most one send in flight per endpoint (a delivery's first recipient). */
  onePerEndpoint: boolean;
  /**
   * How many of the slots endpoints with a failure streak may hold; the rest stay free for healthy ones.
   * Defaults to all of them.
   */
  failingShare?: number;
}

/**
 * The lanes of every channel: a new channel in DELIVERY_CHANNELS does not compile until it has one.
 * Email: one batch at a time, because Resend's rate limit is per account (a second request in flight buys
 * only 429s) and the pacer spaces them. Webhooks: many endpoints at once, one POST each, half of the slots
 * at most for endpoints that are failing.
 */
export const DEFAULT_LANES: Record<DeliveryChannel, LaneSpec> = {
  email: { concurrency: 1, onePerEndpoint: false },
  webhook: { concurrency: 16, onePerEndpoint: true, failingShare: 8 },
  // Chat: like webhooks, but 4 at once: platforms answer fast, and in bench:notify-mixed 4 both sent chat
  // faster and left email closer to its bound than 8. One POST per channel at a time also keeps within each
  // platform's per-webhook rate limit (Slack about one message a second, Discord five every two seconds).
  chat: { concurrency: 4, onePerEndpoint: true, failingShare: 2 },
  // SMS: one message per delivery to Twilio's one API; a few at once (Twilio queues them per sender number).
  sms: { concurrency: 4, onePerEndpoint: false },
};

export type Deliver = (delivery: Delivery) => Promise<DeliveryOutcome>;

interface LaneState {
  spec: LaneSpec;
  running: number;
  /** Endpoints with a send in flight, and whether each was failing when claimed. */
  endpoints: Map<string, boolean>;
}

export interface PumpContext {
  db: Db;
  workerId: string;
  clock: () => number;
  leaseMs: number;
  handlers: Record<DeliveryChannel, Deliver>;
  /** Claims left in this tick. */
  budget: number;
  /** Whether an endpoint has a failure streak now (for failingShare). */
  isFailing?: (endpoint: string) => boolean;
}

/**
 * Runs deliveries in their lanes. One per worker: the loop keeps it across ticks (sends outlive the tick
 * that started them); a single tick (tests, scripts) makes its own and drains it.
 */
export class DeliveryDispatcher {
  private readonly lanes: Map<DeliveryChannel, LaneState>;
  private readonly running = new Set<Promise<void>>();
  private readonly listeners = new Set<() => void>();
  private outcomes: Record<DeliveryOutcome, number> = { sent: 0, retried: 0, failed: 0, parked: 0, deferred: 0 };
  private errors: unknown[] = [];
  /** When the tick last did its housekeeping (jobs.ts): once a second is enough, however often sends wake it. */
  housekeptAt = -Infinity;
  /** Rendered templates by notification, shared by the ticks of this dispatcher (see jobs.ts). */
  readonly memo = new Map<string, { at: number; value: unknown }>();
  /** The latest tick's context, while the worker loop keeps the lanes full (keepLanesFull). */
  private context: PumpContext | null = null;
  private filling = false;
  /** Lanes waiting for a turn to refill, in order. */
  private readonly refills: DeliveryChannel[] = [];

  constructor(specs: Partial<Record<DeliveryChannel, LaneSpec>> = {}) {
    const all = { ...DEFAULT_LANES, ...specs };
    this.lanes = new Map(
      Object.entries(all).map(([channel, spec]) => [
        channel as DeliveryChannel,
        { spec, running: 0, endpoints: new Map() },
      ]),
    );
  }

  get inFlight(): number {
    return this.running.size;
  }

  /** Fills every lane's free slots with due deliveries of its channel; returns how many it started. */
  pump(ctx: PumpContext): number {
    if (this.filling) this.context = ctx;
    let started = 0;
    for (const [channel, lane] of this.lanes) started += this.fill(channel, lane, ctx, ctx.budget - started);
    return started;
  }

  private fill(channel: DeliveryChannel, lane: LaneState, ctx: PumpContext, budget: number): number {
    let started = 0;
    while (started < budget && lane.running < lane.spec.concurrency) {
      const failingBusy = [...lane.endpoints.values()].filter(Boolean).length;
      const delivery = claimDueDelivery(ctx.db, ctx.workerId, ctx.clock(), ctx.leaseMs, {
        channel,
        excludeRecipients: lane.spec.onePerEndpoint ? [...lane.endpoints.keys()] : undefined,
        healthyOnly: lane.spec.failingShare !== undefined && failingBusy >= lane.spec.failingShare,
      });
      if (!delivery) break;
      this.start(lane, delivery, ctx);
      started++;
    }
    return started;
  }

  /**
   * The worker loop's mode: a lane whose send finished claims its next delivery itself, with the latest
   * tick's context, instead of waking the loop for a whole tick (housekeeping, fan-out and every lane's
   * claim) after each send. Refills start one send per turn of the event loop (setImmediate), lanes taking
   * turns and email first: every step of an email's rendering and sending waits for one turn, so a turn must
   * carry one other send's CPU work at most, not a whole lane's (a lane of sends that are all CPU work would
   * otherwise hold email back for as long as it has work).
   */
  keepLanesFull(on: boolean) {
    this.filling = on;
    if (!on) this.context = null;
  }

  private refill(channel: DeliveryChannel) {
    if (!this.filling || this.refills.includes(channel)) return;
    if (channel === "email") this.refills.unshift(channel);
    else this.refills.push(channel);
    if (this.refills.length === 1) setImmediate(() => this.refillTurn());
  }

  private refillTurn() {
    const channel = this.refills.shift();
    const ctx = this.context;
    if (!channel || !this.filling || !ctx) return void (this.refills.length = 0);
    const lane = this.lanes.get(channel)!;
    const startedAt = performance.now();
    try {
      // Back in the queue while it has room and found work: it gets its next turn after the others.
      if (this.fill(channel, lane, ctx, 1) > 0 && lane.running < lane.spec.concurrency) this.refills.push(channel);
    } catch (err) {
      // A claim that fails (a read-only or full database) is the loop's to report, at its next tick.
      this.errors.push(err);
    }
    if (this.refills.length === 0) return;
    if (channel === "email" || this.lanes.get("email")!.running === 0)
      return void setImmediate(() => this.refillTurn());
    // Email is under way: the next turn waits as long as this one took (the claim and the send's work up to
    // its first wait for the network, which runs in the microtasks queued before this one), so other
    // channels get half of the event loop at most.
    queueMicrotask(() => setTimeout(() => this.refillTurn(), performance.now() - startedAt));
  }

  private start(lane: LaneState, delivery: Delivery, ctx: PumpContext) {
    const endpoint = lane.spec.onePerEndpoint ? (delivery.recipients[0] ?? "") : null;
    lane.running++;
    if (endpoint !== null) lane.endpoints.set(endpoint, ctx.isFailing?.(endpoint) ?? false);
    // Declared first: the finally below runs after the assignment (the body awaits the handler first).
    let task: Promise<void> | undefined = undefined;
    task = (async () => {
      await Promise.resolve();
      try {
        // Awaited first: takeOutcomes() may have replaced the record while the send was in flight.
        const outcome = await ctx.handlers[delivery.channel](delivery);
        this.outcomes[outcome]++;
      } catch (err) {
        // The row keeps its lease and is taken again when it runs out; the loop reports the error.
        this.errors.push(err);
      } finally {
        lane.running--;
        if (endpoint !== null) lane.endpoints.delete(endpoint);
        this.running.delete(task!);
        this.refill(delivery.channel);
        for (const listener of this.listeners) listener();
      }
    })();
    this.running.add(task);
  }

  /** Calls `listener` whenever a send finishes (a slot is free again). */
  onSettled(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when the next send in flight finishes (at once when none is). */
  async nextSettled(): Promise<void> {
    if (this.running.size > 0) await Promise.race(this.running);
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.race(this.running);
  }

  /** The outcomes since the last call, and the first error a send threw (thrown, so the loop logs it). */
  takeOutcomes(): Record<DeliveryOutcome, number> {
    const outcomes = this.outcomes;
    this.outcomes = { sent: 0, retried: 0, failed: 0, parked: 0, deferred: 0 };
    const [error] = this.errors;
    this.errors = [];
    if (error !== undefined) throw error;
    return outcomes;
  }
}
