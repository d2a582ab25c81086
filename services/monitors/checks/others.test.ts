// TCP, DNS, TLS certificate and ping checkers against real servers on 127.0.0.1 (and `ping 127.0.0.1`).
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY } from "@/core/time";
import {
  makeCertificates,
  startDnsServer,
  startHttpTarget,
  startTcpTarget,
  type Certificates,
} from "@/services/testing/monitor-targets";
import { dnsConfig, pingConfig, tcpConfig, tlsConfig } from "../config";
import { checkDns } from "./dns";
import { checkPing, parsePingRtt } from "./ping";
import { checkTcp } from "./tcp";
import { checkTls } from "./tls";
import { describeError } from "./types";

const TCP_PORT = 3184;
const DNS_PORT = 3185;
const TLS_PORTS = { valid: 3186, expired: 3187, wrongHost: 3188, selfSigned: 3189 } as const;
let certs: Certificates;
let dnsServer: Awaited<ReturnType<typeof startDnsServer>>;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  certs = makeCertificates();
  for (const [name, port] of Object.entries(TLS_PORTS))
    closers.push((await startHttpTarget(port, certs[name as keyof typeof TLS_PORTS])).close);
  dnsServer = await startDnsServer(DNS_PORT, {
    "app.corp.internal": [
      { type: "A", value: "10.1.2.3" },
      { type: "AAAA", value: "fd00::1" },
      { type: "TXT", value: "v=spf1 -all" },
    ],
    "www.corp.internal": [{ type: "CNAME", value: "app.corp.internal" }],
    "corp.internal": [
      { type: "MX", value: "mail.corp.internal", priority: 10 },
      { type: "NS", value: "ns1.corp.internal" },
    ],
  });
  closers.push(dnsServer.close);
});
afterAll(async () => {
  for (const close of closers) await close();
  fs.rmSync(certs.dir, { recursive: true, force: true });
});

describe("TCP checker", () => {
  it("is up while the port accepts and says 'Connection refused' once it is closed", async () => {
    const server = await startTcpTarget(TCP_PORT);
    expect(await checkTcp(tcpConfig.parse({ host: "127.0.0.1", port: TCP_PORT }), { timeoutMs: 2_000 })).toMatchObject({
      ok: true,
      error: null,
    });
    await server.close();
    expect(await checkTcp(tcpConfig.parse({ host: "127.0.0.1", port: TCP_PORT }), { timeoutMs: 2_000 })).toMatchObject({
      ok: false,
      error: "Connection refused",
    });
  });

  it("names an unreachable host or network (the errors a route-less address gives)", () => {
    // Producing these for real needs a non-loopback address, which tests never contact.
    expect(describeError(Object.assign(new Error("x"), { code: "EHOSTUNREACH" }))).toBe("Host unreachable");
    expect(describeError(Object.assign(new Error("x"), { code: "ENETUNREACH" }))).toBe("Network unreachable");
  });
});

describe("DNS checker, against a DNS server on 127.0.0.1", () => {
  const dnsCheck = (over: Record<string, unknown>) =>
    checkDns(dnsConfig.parse({ resolver: `127.0.0.1:${DNS_PORT}`, ...over }), { timeoutMs: 2_000 });

  it("answers A, AAAA, CNAME, MX, TXT and NS, matched against the expected value", async () => {
    expect(await dnsCheck({ name: "app.corp.internal", recordType: "A", expected: "10.1.2.3" })).toMatchObject({
      ok: true,
      detail: { answers: ["10.1.2.3"] },
    });
    expect(await dnsCheck({ name: "app.corp.internal", recordType: "AAAA", expected: "fd00::1" })).toMatchObject({
      ok: true,
    });
    expect(
      await dnsCheck({ name: "www.corp.internal", recordType: "CNAME", expected: "APP.corp.internal." }),
    ).toMatchObject({ ok: true });
    expect(await dnsCheck({ name: "corp.internal", recordType: "MX", expected: "mail.corp.internal" })).toMatchObject({
      ok: true,
      detail: { answers: ["10 mail.corp.internal"] },
    });
    expect(await dnsCheck({ name: "app.corp.internal", recordType: "TXT", expected: "v=spf1 -all" })).toMatchObject({
      ok: true,
    });
    expect(await dnsCheck({ name: "corp.internal", recordType: "NS", expected: "ns1.corp.internal" })).toMatchObject({
      ok: true,
    });
  });

  it("is down when the answer changed, the name is gone, or the type is missing", async () => {
    expect(await dnsCheck({ name: "app.corp.internal", recordType: "A", expected: "10.9.9.9" })).toMatchObject({
      ok: false,
      error: "A app.corp.internal is 10.1.2.3, expected 10.9.9.9",
    });
    expect(await dnsCheck({ name: "gone.corp.internal", recordType: "A" })).toMatchObject({
      ok: false,
      error: "DNS: no such name (NXDOMAIN)",
    });
    expect((await dnsCheck({ name: "www.corp.internal", recordType: "MX" })).ok).toBe(false);
  });

  it("times out on a resolver that never answers", async () => {
    const r = await checkDns(
      dnsConfig.parse({ name: "app.corp.internal", recordType: "A", resolver: `127.0.0.1:${TCP_PORT + 15}` }),
      { timeoutMs: 700 },
    );
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/did not answer|Timed out|refused/);
  });

  it("refuses a resolver that is not an address", async () => {
    expect(
      await checkDns(dnsConfig.parse({ name: "a.b", recordType: "A", resolver: "not an address" }), { timeoutMs: 500 }),
    ).toMatchObject({ ok: false, error: "Not a resolver address: not an address" });
  });
});

describe("TLS certificate checker, with certificates made by openssl", () => {
  const tlsCheck = (port: number, over: Record<string, unknown> = {}) =>
    checkTls(tlsConfig.parse({ host: "127.0.0.1", port, servername: "localhost", caPem: certs.caPem, ...over }), {
      timeoutMs: 3_000,
    });

  it("a valid certificate from a trusted (internal) CA is up, with its expiry", async () => {
    const r = await tlsCheck(TLS_PORTS.valid);
    expect(r).toMatchObject({ ok: true, detail: { subject: "localhost", issuer: "Monitor Test CA" } });
    expect(r.detail.daysLeft).toBeGreaterThanOrEqual(58);
  });

  it("expired, wrong host, self-signed, untrusted CA, and expiring soon are each named", async () => {
    expect(await tlsCheck(TLS_PORTS.expired)).toMatchObject({ ok: false, error: "TLS: the certificate has expired" });
    expect(await tlsCheck(TLS_PORTS.wrongHost)).toMatchObject({
      ok: false,
      error: "TLS: the certificate is not valid for localhost",
    });
    expect(await tlsCheck(TLS_PORTS.selfSigned)).toMatchObject({
      ok: false,
      error: "TLS: the certificate is self-signed",
    });
    expect(await tlsCheck(TLS_PORTS.valid, { caPem: undefined })).toMatchObject({
      ok: false,
      error: "TLS: the certificate chain cannot be verified",
    });
    const soon = await checkTls(
      tlsConfig.parse({
        host: "127.0.0.1",
        port: TLS_PORTS.valid,
        servername: "localhost",
        caPem: certs.caPem,
        minDaysValid: 14,
      }),
      { timeoutMs: 3_000 },
      Date.now() + 50 * DAY,
    );
    expect(soon.ok).toBe(false);
    expect(soon.error).toMatch(/^TLS: the certificate expires in \d+ days \(less than 14\)$/);
  });

  it("connection refused", async () => {
    expect(await tlsCheck(3199)).toMatchObject({ ok: false, error: "Connection refused" });
  });

  it("a port that accepts and never answers the handshake is cut off at the timeout", async () => {
    const silent = await startTcpTarget(TCP_PORT);
    try {
      const started = Date.now();
      const r = await checkTls(tlsConfig.parse({ host: "127.0.0.1", port: TCP_PORT }), { timeoutMs: 400 });
      expect(r).toMatchObject({ ok: false, error: "Timed out after 400 ms" });
      expect(Date.now() - started).toBeLessThan(1_200);
    } finally {
      await silent.close();
    }
  });
});

describe("ping checker", () => {
  it("pings 127.0.0.1 through the system ping and reads the round trip", async () => {
    const r = await checkPing(pingConfig.parse({ host: "127.0.0.1" }), { timeoutMs: 3_000 });
    expect(r.ok).toBe(true);
    expect(typeof r.detail.rttMs).toBe("number");
  });

  it("parses iputils output", () => {
    expect(
      parsePingRtt(
        "64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.045 ms\n\nrtt min/avg/max/mdev = 0.045/0.051/0.060/0.007 ms",
      ),
    ).toBe(0.051);
    expect(parsePingRtt("64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=1.25 ms")).toBe(1.25);
    expect(parsePingRtt("100% packet loss")).toBeNull();
  });

  it("refuses a host that ping would read as an option", () => {
    expect(pingConfig.safeParse({ host: "-f" }).success).toBe(false);
    expect(pingConfig.safeParse({ host: "127.0.0.1" }).success).toBe(true);
  });
});
