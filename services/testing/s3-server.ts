// s3rver on 127.0.0.1 for the publisher's tests, and a proxy in front of it that can refuse chosen uploads
// (a bucket that refuses some objects). Credentials: s3rver accepts S3RVER / S3RVER and refuses others.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
// @ts-expect-error s3rver ships no types
import S3rver from "s3rver";

export const S3_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

export interface TestS3 {
  endpoint: string;
  port: number;
  directory: string;
  close: () => Promise<void>;
}

/** Port 0 picks a free one (see `port` in the answer). */
export async function startS3(port: number, buckets: string[]): Promise<TestS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "s3rver-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const listening = (await server.run()) as { port: number };
  return {
    endpoint: `http://127.0.0.1:${listening.port}`,
    port: listening.port,
    directory,
    close: async () => {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Forwards to `upstream`, answering 500 to every PUT whose path `refuse` matches while it is set. */
export async function startRefusingProxy(port: number, upstream: number) {
  const state: { refuse?: RegExp; refused: string[] } = { refused: [] };
  const server = http.createServer((req, res) => {
    if (req.method === "PUT" && state.refuse?.test(req.url ?? "")) {
      state.refused.push(req.url ?? "");
      req.resume();
      res.writeHead(500, { "content-type": "application/xml" });
      res.end('<?xml version="1.0"?><Error><Code>InternalError</Code><Message>refused by the test</Message></Error>');
      return;
    }
    const forward = http.request(
      { host: "127.0.0.1", port: upstream, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
