// HTTP(S) check with node:http/https (not fetch): we need a hard cap on the body, TLS verification that can be
// turned off per monitor, our own redirect counting and loop detection, and a deadline that destroys the socket.
import { promises as dns } from "node:dns";
import http from "node:http";
import https from "node:https";
import tls from "node:tls";
import { MONITOR_LIMITS } from "@/db/constants";
import type { HttpConfig } from "../config";
import { describeError, down, up, withDeadline, type CheckContext, type CheckResult } from "./types";

interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  truncated: boolean;
}

type Lookup = NonNullable<http.RequestOptions["lookup"]>;

/** A lookup through the monitor's own DNS server (internal names), in the shape http.request expects. */
function lookupVia(resolverAddress: string): Lookup {
  const resolver = new dns.Resolver({ tries: 1 });
  resolver.setServers([resolverAddress]);
  return ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    resolver.resolve4(hostname).then(
      (addresses) =>
        options.all
          ? callback(
              null,
              addresses.map((address) => ({ address, family: 4 })),
            )
          : callback(null, addresses[0], 4),
      (err: NodeJS.ErrnoException) =>
        callback(Object.assign(err, { code: err.code === "ENODATA" ? "ENOTFOUND" : err.code })),
    );
  }) as unknown as Lookup;
}

function requestOnce(url: URL, config: HttpConfig, signal: AbortSignal): Promise<Response> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const req = client.request(url, {
      method: config.method,
      headers: { "user-agent": "status-page-monitor/1", ...config.headers },
      rejectUnauthorized: config.verifyTls,
      ...(config.caPem ? { ca: [...tls.rootCertificates, config.caPem] } : {}),
      // No connection reuse: each check measures a fresh connection, and a destroyed socket is never pooled.
      agent: false,
      ...(config.resolver ? { lookup: lookupVia(config.resolver) } : {}),
      signal,
    });
    req.on("error", (err) => reject(signal.aborted ? signal.reason : err));
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const finish = () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), truncated });
      if (config.method === "HEAD" || (res.statusCode! >= 300 && res.statusCode! < 400 && config.followRedirects)) {
        res.destroy();
        return finish();
      }
      res.on("data", (chunk: Buffer) => {
        if (truncated) return;
        const room = MONITOR_LIMITS.maxBodyBytes - size;
        chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
        size += Math.min(chunk.length, room);
        if (size >= MONITOR_LIMITS.maxBodyBytes) {
          // Enough to judge: stop reading and drop the connection instead of downloading the rest.
          truncated = true;
          res.destroy();
          finish();
        }
      });
      res.on("end", finish);
      res.on("error", (err) => (truncated ? undefined : reject(signal.aborted ? signal.reason : err)));
    });
    if (config.body !== undefined && config.method !== "GET" && config.method !== "HEAD") req.end(config.body);
    else req.end();
  });
}

/** Follows a dotted path ("data.items.0.status") through parsed JSON. */
export function jsonAt(value: unknown, path: string): unknown {
  let here: unknown = value;
  for (const part of path.split(".")) {
    if (here === null || typeof here !== "object") return undefined;
    here = (here as Record<string, unknown>)[part];
  }
  return here;
}

function judge(res: Response, config: HttpConfig, ms: number, detail: Record<string, unknown>): CheckResult {
  const expected = config.expectedStatus;
  const statusOk = expected?.length ? expected.includes(res.status) : res.status >= 200 && res.status < 300;
  if (!statusOk)
    return down(`Status ${res.status}, expected ${expected?.length ? expected.join(", ") : "2xx"}`, ms, detail);
  const text = config.keyword !== undefined || config.jsonPath !== undefined ? res.body.toString("utf8") : "";
  if (config.keyword !== undefined) {
    const found = text.includes(config.keyword);
    if (found && config.keywordAbsent) return down(`The response contains "${config.keyword}"`, ms, detail);
    if (!found && !config.keywordAbsent)
      return down(
        `The response does not contain "${config.keyword}"${res.truncated ? " (in its first 1 MB)" : ""}`,
        ms,
        detail,
      );
  }
  if (config.jsonPath !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return down(
        res.truncated ? "The response is over 1 MB: not read as JSON" : "The response is not JSON",
        ms,
        detail,
      );
    }
    const actual = jsonAt(parsed, config.jsonPath);
    detail.jsonValue = actual === undefined ? null : actual;
    if (actual !== config.jsonEquals)
      return down(
        `${config.jsonPath} is ${JSON.stringify(actual) ?? "missing"}, expected ${JSON.stringify(config.jsonEquals)}`,
        ms,
        detail,
      );
  }
  if (config.maxResponseMs !== undefined && ms > config.maxResponseMs)
    return down(`Answered in ${ms} ms, more than ${config.maxResponseMs} ms`, ms, detail);
  return up(ms, detail);
}

export async function checkHttp(config: HttpConfig, ctx: CheckContext): Promise<CheckResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const detail: Record<string, unknown> = {};
  try {
    return await withDeadline(ctx.timeoutMs, async (signal) => {
      let url = new URL(config.url);
      const seen = new Set([url.href]);
      for (let redirects = 0; ; redirects++) {
        const res = await requestOnce(url, config, signal);
        detail.statusCode = res.status;
        detail.url = url.href;
        if (res.truncated) detail.bodyTruncatedAt = MONITOR_LIMITS.maxBodyBytes;
        const location = res.headers.location;
        if (!config.followRedirects || res.status < 300 || res.status >= 400 || !location)
          return judge(res, config, elapsed(), detail);
        const next = new URL(location, url);
        if (next.protocol !== "http:" && next.protocol !== "https:")
          return down(`Redirect to a ${next.protocol} URL`, elapsed(), detail);
        if (seen.has(next.href)) return down(`Redirect loop: ${next.href} again`, elapsed(), detail);
        if (redirects + 1 > config.maxRedirects)
          return down(`More than ${config.maxRedirects} redirects`, elapsed(), detail);
        seen.add(next.href);
        url = next;
        detail.redirects = redirects + 1;
      }
    });
  } catch (err) {
    return down(describeError(err), null, detail);
  }
}
