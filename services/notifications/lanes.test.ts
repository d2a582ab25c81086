// The lanes' limits, with a webhook client whose answers the test releases by hand: never more sends in
// flight than the lane allows, one per endpoint, and endpoints with a failure streak never take the slots
// kept for healthy ones.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { subscribers } from "@/db/schema";
import { setComponentStatus } from "@/db/writes/components";
import { insertWebhookSubscriber } from "@/db/writes/webhooks";
import { addComponent, emptyPage, T0 } from "@/services/testing/scenario";
import type { PostRequest, PostResult } from "@/services/webhooks/send";
import { runNotificationJobs, type JobOptions } from "./jobs";
import { DeliveryDispatcher } from "./lanes";

function heldClient() {
  const inFlight: { request: PostRequest; release: (r: PostResult) => void }[] = [];
  const post = (request: PostRequest) => new Promise<PostResult>((release) => inFlight.push({ request, release }));
  const paths = () => inFlight.map((f) => f.request.url.pathname).sort();
  /** Sends start asynchronously (the URL is checked first): waits until `n` are at the client. */
  const reached = async (n: number) => {
    for (let i = 0; i < 200 && inFlight.length < n; i++) await new Promise((r) => setTimeout(r, 10));
    expect(inFlight).toHaveLength(n);
  };
  return { inFlight, post, paths, reached };
}

describe("the webhook lane", () => {
  it("holds at most its concurrency, one per endpoint, and keeps slots from failing endpoints", async () => {
    const { db, pageId } = emptyPage();
    const c = addComponent(db, pageId, "Webmail");
    const hook = (path: string) =>
      insertWebhookSubscriber(db, {
        pageId,
        url: `http://127.0.0.1:9${path}`,
        secret: `whsec_${path}`,
        email: null,
        componentIds: [],
        origin: "console",
        at: T0,
      });
    const failingA = hook("/failing-a");
    const failingB = hook("/failing-b");
    hook("/healthy");
    // Two endpoints with a failure streak (not yet enough to open their circuit).
    db.update(subscribers).set({ circuitFailures: 2 }).where(eq(subscribers.id, failingA)).run();
    db.update(subscribers).set({ circuitFailures: 2 }).where(eq(subscribers.id, failingB)).run();
    const client = heldClient();
    const dispatcher = new DeliveryDispatcher({ webhook: { concurrency: 2, onePerEndpoint: true, failingShare: 1 } });
    const options: JobOptions = {
      mailer: null,
      publicUrl: "https://status.example.org",
      dispatcher,
      webhooks: { allowLoopback: true, post: client.post },
    };

    setComponentStatus(db, c, "major_outage", T0, { source: "manual" });
    setComponentStatus(db, c, "operational", T0 + 1, { source: "manual" });
    // Two events for three endpoints: six deliveries due.
    const first = await runNotificationJobs(db, T0 + 2, options);
    expect(first.started).toBe(2);
    await client.reached(2);
    // One failing endpoint at most; the other slot went to the healthy one.
    expect(client.paths()).toHaveLength(2);
    expect(client.paths().filter((p) => p.startsWith("/failing"))).toHaveLength(1);
    expect(client.paths()).toContain("/healthy");

    // Full: another tick starts nothing, whatever is due.
    expect((await runNotificationJobs(db, T0 + 3, options)).started).toBe(0);

    // The healthy endpoint answers: its second event takes the slot (not the other failing endpoint, not a
    // second send to the one in flight).
    const healthy = client.inFlight.findIndex((f) => f.request.url.pathname === "/healthy");
    client.inFlight.splice(healthy, 1)[0].release({ ok: true, statusCode: 204, error: null });
    await dispatcher.nextSettled();
    const next = await runNotificationJobs(db, T0 + 4, options);
    expect(next).toMatchObject({ started: 1, sent: 1 });
    await client.reached(2);
    expect(client.paths().filter((p) => p === "/healthy")).toHaveLength(1);
    expect(client.paths().filter((p) => p.startsWith("/failing"))).toHaveLength(1);

    for (const f of client.inFlight.splice(0)) f.release({ ok: true, statusCode: 204, error: null });
    await dispatcher.drain();
  });
});
