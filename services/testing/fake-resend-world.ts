// The set-up the mail tests share: one fake Resend server per test file (the real SDK over real HTTP on
// 127.0.0.1), reset before each test with no rate limit and no latency, and a fresh notification world (its
// own SQLite file) per test, closed after it.
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { startFakeResend, type FakeResend } from "./fake-resend";
import { makeWorld, type World } from "./notification-fixtures";

export interface FakeResendWorld {
  /** The file's fake server; a test changes its limits and failures, the next test starts clean. */
  readonly fake: FakeResend;
  /** This test's world. */
  readonly world: World;
}

/** Registers the hooks in the calling test file; read `fake` and `world` inside a hook or test. */
export function withFakeResendWorld(): FakeResendWorld {
  let fake: FakeResend | undefined;
  let world: World | undefined;
  beforeAll(async () => {
    fake = await startFakeResend();
  });
  afterAll(() => fake?.close());
  beforeEach(() => {
    fake!.reset();
    fake!.setRateLimit(0);
    fake!.setLatency(0);
    world = makeWorld();
  });
  afterEach(() => world?.db.$client.close());
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is set up by withFakeResendWorld's hooks: read it in a test`);
    return value;
  };
  return {
    get fake() {
      return ready(fake, "fake");
    },
    get world() {
      return ready(world, "world");
    },
  };
}

/** Waits until `condition` holds, checking every 10 ms; fails after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
