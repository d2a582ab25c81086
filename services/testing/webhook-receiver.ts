// A webhook receiver on 127.0.0.1 for tests: records every request (headers and raw body) and answers
// with whatever the test scripted (a status, or a hang past the sender's timeout).
import { createServer, type IncomingHttpHeaders } from "node:http";

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export type Answer = number | "hang";

export interface WebhookReceiver {
  url: (path?: string) => string;
  requests: ReceivedRequest[];
  /** Answers for the next requests, in order; after them, `fallback`. */
  script(answers: Answer[], fallback?: Answer): void;
  /** Resolves when `count` requests have arrived (polls; gives up after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(port = 0): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  let queue: Answer[] = [];
  let fallback: Answer = 200;
  const hanging = new Set<() => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push({
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
      });
      const answer = queue.shift() ?? fallback;
      if (answer === "hang") {
        const release = () => res.destroy();
        hanging.add(release);
        res.on("close", () => hanging.delete(release));
        return;
      }
      res.writeHead(answer, { "Content-Type": "text/plain" }).end(answer >= 300 ? "receiver says no" : "ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actualPort = (server.address() as { port: number }).port;
  return {
    url: (path = "/hook") => `http://127.0.0.1:${actualPort}${path}`,
    requests,
    script(answers, next = 200) {
      queue = [...answers];
      fallback = next;
    },
    async waitFor(count, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      while (requests.length < count) {
        if (Date.now() > until) throw new Error(`Expected ${count} webhook requests, got ${requests.length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return requests;
    },
    async close() {
      for (const release of hanging) release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
