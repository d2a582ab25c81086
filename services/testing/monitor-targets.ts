// Real servers on 127.0.0.1 for the monitor tests, which flip them between healthy, failing and slow (and
// worse: slow loris, endless bodies, redirect loops). Certificates are made by `openssl` into a temp dir.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import dns2 from "dns2";

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export const HANDLERS = {
  healthy: ((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: "ok", service: { healthy: true } }));
  }) as Handler,
  failing: ((_req, res) => {
    res.writeHead(500, { "content-type": "text/plain" });
    res.end("internal error");
  }) as Handler,
  slow:
    (ms: number): Handler =>
    (req, res) => {
      const timer = setTimeout(() => HANDLERS.healthy(req, res), ms);
      res.on("close", () => clearTimeout(timer));
    },
  /** Sends the headers, then nothing, ever. */
  slowLoris: ((_req, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.flushHeaders();
  }) as Handler,
};

export interface HttpTarget {
  url: string;
  port: number;
  set: (handler: Handler) => void;
  /** Bytes written by an endless-body handler before the client went away. */
  requests: number;
  close: () => Promise<void>;
}

/** Streams up to `total` bytes of "a", stopping when the client goes away; `sent` tells how far it got. */
export function endlessBody(total: number, counter: { sent: number }): Handler {
  return (_req, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    const chunk = Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (counter.sent < total && !res.destroyed) {
        counter.sent += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      if (!res.destroyed) res.end();
    };
    pump();
  };
}

export async function startHttpTarget(port: number, tlsFiles?: { key: string; cert: string }): Promise<HttpTarget> {
  let handler: Handler = HANDLERS.healthy;
  const sockets = new Set<net.Socket>();
  const target = { requests: 0 } as HttpTarget;
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    target.requests++;
    handler(req, res);
  };
  const server = tlsFiles
    ? https.createServer({ key: fs.readFileSync(tlsFiles.key), cert: fs.readFileSync(tlsFiles.cert) }, listener)
    : http.createServer(listener);
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  server.on("tlsClientError", () => undefined);
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return Object.assign(target, {
    url: `${tlsFiles ? "https" : "http"}://127.0.0.1:${port}`,
    port,
    set: (h: Handler) => void (handler = h),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  });
}

/** A TCP port that accepts connections while open. */
export async function startTcpTarget(port: number): Promise<{ close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface Certificates {
  dir: string;
  caPem: string;
  valid: { key: string; cert: string };
  expired: { key: string; cert: string };
  wrongHost: { key: string; cert: string };
  selfSigned: { key: string; cert: string };
}

/** A test CA and four server certificates: valid for localhost/127.0.0.1, expired, for another host, self-signed. */
export function makeCertificates(): Certificates {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "monitor-certs-"));
  const f = (name: string) => path.join(dir, name);
  const ssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  ssl(
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    f("ca.key"),
    "-out",
    f("ca.crt"),
    "-days",
    "30",
    "-subj",
    "/CN=Monitor Test CA",
  );
  const leaf = (name: string, cn: string, san: string, days: string) => {
    ssl(
      "req",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      f(`${name}.key`),
      "-out",
      f(`${name}.csr`),
      "-subj",
      `/CN=${cn}`,
    );
    fs.writeFileSync(f(`${name}.ext`), `subjectAltName=${san}\n`);
    ssl(
      "x509",
      "-req",
      "-in",
      f(`${name}.csr`),
      "-CA",
      f("ca.crt"),
      "-CAkey",
      f("ca.key"),
      "-CAcreateserial",
      "-days",
      days,
      "-extfile",
      f(`${name}.ext`),
      "-out",
      f(`${name}.crt`),
    );
    return { key: f(`${name}.key`), cert: f(`${name}.crt`) };
  };
  const valid = leaf("valid", "localhost", "DNS:localhost,IP:127.0.0.1", "60");
  // -1 day: notAfter lies before now, so the certificate has expired.
  const expired = leaf("expired", "localhost", "DNS:localhost,IP:127.0.0.1", "-1");
  const wrongHost = leaf("wrong", "other.example", "DNS:other.example", "60");
  ssl(
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    f("self.key"),
    "-out",
    f("self.crt"),
    "-days",
    "30",
    "-subj",
    "/CN=localhost",
    "-addext",
    "subjectAltName=DNS:localhost,IP:127.0.0.1",
  );
  return {
    dir,
    caPem: fs.readFileSync(f("ca.crt"), "utf8"),
    valid,
    expired,
    wrongHost,
    selfSigned: { key: f("self.key"), cert: f("self.crt") },
  };
}

export type DnsRecords = Record<
  string,
  { type: "A" | "AAAA" | "CNAME" | "MX" | "TXT" | "NS"; value: string; priority?: number }[]
>;

/** A real DNS server (dns2, UDP) on 127.0.0.1 answering from `records`, which the test may change. */
export async function startDnsServer(
  port: number,
  records: DnsRecords,
): Promise<{ records: DnsRecords; close: () => Promise<void> }> {
  const { Packet } = dns2;
  const state = { records };
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const name = question!.name.toLowerCase();
      const wanted = Object.entries(Packet.TYPE).find(([, v]) => v === question!.type)?.[0];
      const known = state.records[name];
      if (!known) (response.header as { rcode: number }).rcode = 3; // NXDOMAIN
      // dns2's typings want encoded resources; the objects below are what its encoder reads.
      const answers = response.answers as unknown as Record<string, unknown>[];
      for (const r of known ?? []) {
        if (r.type !== wanted) continue;
        const base = { name: question!.name, type: Packet.TYPE[r.type], class: Packet.CLASS.IN, ttl: 60 };
        if (r.type === "A" || r.type === "AAAA") answers.push({ ...base, address: r.value });
        else if (r.type === "CNAME" || r.type === "NS") answers.push({ ...base, domain: r.value, ns: r.value });
        else if (r.type === "MX") answers.push({ ...base, exchange: r.value, priority: r.priority ?? 10 });
        else answers.push({ ...base, data: r.value });
      }
      send(response);
    },
  });
  await server.listen({ udp: { port, address: "127.0.0.1" } });
  return {
    get records() {
      return state.records;
    },
    set records(r: DnsRecords) {
      state.records = r;
    },
    close: () => server.close(),
  };
}
