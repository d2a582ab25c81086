// Delivery against the running server (its own worker, the real SDK, the run's fake Resend server): ten
// webhooks on 127.0.0.1 that accept and never answer do not slow email to 2,000 subscribers, and a mail API
// call that is never answered is abandoned after 30 s and retried with the same idempotency key.
import net from "node:net";
import { inArray, like } from "drizzle-orm";
import { incidentRecipientIds } from "@/db/queries/notifications";
import { subscribers } from "@/db/schema";
import { insertWebhookSubscriber } from "@/db/writes/webhooks";
import { createIncident } from "@/services/incidents/incident-verbs";
import { newId } from "@/core/ids";
import type { RecordedEmail, RequestRecord } from "@/services/testing/fake-resend";
import { expect, test } from "./notification-fixtures";

const SUBSCRIBERS = 2000;

async function fakeGet<T>(base: string, path: string): Promise<T> {
  return ((await (await fetch(`${base}${path}`)).json()) as { data: T }).data;
}

test.describe("delivery under load", () => {
  test.use({ signedInAs: null });
  const prefix = `load-${Date.now().toString(36)}-`;
  const sockets = new Set<net.Socket>();
  const hanging = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const hookIds: string[] = [];

  test.beforeAll(async ({ db, pageId }) => {
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    const rows = Array.from({ length: SUBSCRIBERS }, (_, i) => ({
      id: newId(),
      pageId,
      kind: "email" as const,
      email: `${prefix}${i}@example.com`,
      state: "active" as const,
      confirmedAt: 1,
      createdAt: 1,
      updatedAt: 1,
    }));
    db.transaction((tx) => {
      for (let i = 0; i < rows.length; i += 500)
        tx.insert(subscribers)
          .values(rows.slice(i, i + 500))
          .run();
    });
  });

  test.afterAll(async ({ db }) => {
    // Other specs must not mail 2,000 strangers or try the hanging receivers.
    db.delete(subscribers)
      .where(like(subscribers.email, `${prefix}%`))
      .run();
    if (hookIds.length) db.delete(subscribers).where(inArray(subscribers.id, hookIds)).run();
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => hanging.close(() => resolve()));
  });

  /** Declares an incident as an editor and returns ms from the commit until its last email was accepted. */
  async function timeIncidentEmail(
    db: Parameters<typeof createIncident>[0],
    pageId: string,
    fakeResendUrl: string,
    editor: { id: string; email: string },
    name: string,
  ) {
    const actor = { type: "user" as const, userId: editor.id, label: editor.email, role: "editor" as const };
    const committedAt = Date.now();
    const { id } = createIncident(db, actor, { name, message: "Looking into it." }, committedAt);
    const expected = incidentRecipientIds(db, pageId, id).length;
    expect(expected).toBeGreaterThanOrEqual(SUBSCRIBERS);
    let mine: Omit<RecordedEmail, "html" | "text">[] = [];
    await expect
      .poll(
        async () => {
          mine = (await fakeGet<Omit<RecordedEmail, "html" | "text">[]>(fakeResendUrl, "/_test/emails?light=1")).filter(
            (e) => e.subject.includes(name),
          );
          return mine.length;
        },
        { timeout: 90_000, intervals: [200] },
      )
      .toBe(expected);
    // Exactly one each (a duplicate would show as a repeated address).
    expect(new Set(mine.flatMap((e) => e.to)).size).toBe(expected);
    return Math.max(...mine.map((e) => e.at)) - committedAt;
  }

  test("ten hanging webhooks do not delay email to 2,000 subscribers", async ({
    db,
    pageId,
    fakeResendUrl,
    createMember,
    unique,
  }) => {
    test.setTimeout(300_000);
    const editor = createMember("editor");
    const baselineMs = await timeIncidentEmail(db, pageId, fakeResendUrl, editor, unique("Baseline outage"));
    const port = (hanging.address() as net.AddressInfo).port;
    for (let i = 0; i < 10; i++) {
      // Active as if verified earlier: they hang only now.
      hookIds.push(
        insertWebhookSubscriber(db, {
          pageId,
          url: `http://127.0.0.1:${port}/hang-${i}`,
          secret: `whsec_hang_${i}`,
          email: null,
          componentIds: [],
          origin: "public",
          at: Date.now(),
        }),
      );
    }
    const withHangingMs = await timeIncidentEmail(
      db,
      pageId,
      fakeResendUrl,
      editor,
      unique("Outage next to hanging webhooks"),
    );
    console.info(`email to ${SUBSCRIBERS}+: ${baselineMs} ms alone, ${withHangingMs} ms next to 10 hanging webhooks`);
    expect(withHangingMs).toBeLessThan(Math.max(3 * baselineMs, baselineMs + 5_000));
    // The hanging receivers were tried all the same (their POSTs are in flight, not skipped).
    await expect.poll(() => sockets.size, { timeout: 15_000 }).toBeGreaterThanOrEqual(10);
  });

  test("a mail API call never answered is retried after 30 s with the same idempotency key, and nobody gets it twice", async ({
    db,
    pageId,
    fakeResendUrl,
    createMember,
    unique,
  }) => {
    test.setTimeout(180_000);
    for (const id of hookIds.splice(0))
      db.delete(subscribers)
        .where(inArray(subscribers.id, [id]))
        .run();
    const before = (await fakeGet<RequestRecord[]>(fakeResendUrl, "/_test/requests")).length;
    await fetch(`${fakeResendUrl}/_test/fail`, { method: "POST", body: JSON.stringify({ count: 1, how: "hang" }) });
    const elapsed = await timeIncidentEmail(
      db,
      pageId,
      fakeResendUrl,
      createMember("editor"),
      unique("Outage while the mail API hangs"),
    );
    const requests = (await fakeGet<RequestRecord[]>(fakeResendUrl, "/_test/requests")).slice(before);
    const hung = requests[0];
    const again = requests.filter((r) => r.idempotencyKey === hung.idempotencyKey);
    expect(again).toHaveLength(2);
    expect(again[1].at - hung.at).toBeGreaterThanOrEqual(30_000);
    expect(again[1].at - hung.at).toBeLessThan(45_000);
    // The other chunks went out meanwhile or right after: the whole send took about the timeout, not more.
    expect(elapsed).toBeLessThan(60_000);
    // Settle: nothing more arrives for that key (the retry's answer was final).
    await new Promise((r) => setTimeout(r, 1000));
    expect(
      (await fakeGet<RequestRecord[]>(fakeResendUrl, "/_test/requests")).filter(
        (r) => r.idempotencyKey === hung.idempotencyKey,
      ),
    ).toHaveLength(2);
  });
});
