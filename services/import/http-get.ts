// A GET for the importer's public-page reads: optionally pinned to addresses the SSRF guard checked
// (services/webhooks/url-guard.ts pinnedLookup), so the connection goes to the very address that was judged
// and a DNS answer that changes in between (rebinding) cannot point it elsewhere. Redirects are not followed
// (a redirect could lead past the check); the answer is read up to a size limit within a time budget.
import http from "node:http";
import https from "node:https";
import { pinnedLookup, type ResolvedAddress } from "@/services/webhooks/url-guard";

export const GET_TIMEOUT_MS = 30_000;
/** A public page's components or incidents list is a few hundred KB; more is not a Statuspage answer. */
export const MAX_GET_BYTES = 10 * 1024 * 1024;

export interface GetResult {
  status: number;
  body: string;
}

export function httpGet(
  url: URL,
  options: { addresses?: ResolvedAddress[]; timeoutMs?: number; maxBytes?: number } = {},
): Promise<GetResult> {
  const timeoutMs = options.timeoutMs ?? GET_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? MAX_GET_BYTES;
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, {
      method: "GET",
      headers: { accept: "application/json" },
      ...(options.addresses ? { lookup: pinnedLookup(options.addresses) } : {}),
      agent: false,
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) req.destroy(new Error(`the answer is larger than ${maxBytes / 1024 / 1024} MB`));
        else chunks.push(chunk);
      });
      res.on("end", () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    req.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end();
  });
}
