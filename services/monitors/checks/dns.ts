// DNS: a record of the chosen type exists (and equals the expected value), asked of the chosen resolver
// (node:dns Resolver.setServers), since internal DNS is what IT monitors.
import { promises as dns } from "node:dns";
import type { DnsConfig } from "../config";
import { describeError, down, up, withDeadline, type CheckContext, type CheckResult } from "./types";

async function answers(resolver: dns.Resolver, config: DnsConfig): Promise<string[]> {
  switch (config.recordType) {
    case "A":
      return resolver.resolve4(config.name);
    case "AAAA":
      return resolver.resolve6(config.name);
    case "CNAME":
      return resolver.resolveCname(config.name);
    case "NS":
      return resolver.resolveNs(config.name);
    case "MX":
      return (await resolver.resolveMx(config.name)).map((mx) => `${mx.priority} ${mx.exchange}`);
    case "TXT":
      return (await resolver.resolveTxt(config.name)).map((parts) => parts.join(""));
  }
}

const normal = (value: string) => value.trim().toLowerCase().replace(/\.$/, "");

/** An MX expectation may name only the exchange ("mail.example.com") or priority and exchange ("10 mail..."). */
function matches(answer: string, expected: string, type: DnsConfig["recordType"]): boolean {
  if (type === "TXT") return answer === expected;
  const a = normal(answer);
  const e = normal(expected);
  return a === e || (type === "MX" && a.split(" ")[1] === e);
}

const DNS_ERRORS: Record<string, string> = {
  ENOTFOUND: "DNS: no such name (NXDOMAIN)",
  ENODATA: "DNS: the name has no record of this type",
  ESERVFAIL: "DNS: the resolver failed (SERVFAIL)",
  EREFUSED: "DNS: the resolver refused the query",
  ETIMEOUT: "DNS: the resolver did not answer in time",
  ECONNREFUSED: "DNS: the resolver refused the connection",
};

export async function checkDns(config: DnsConfig, ctx: CheckContext): Promise<CheckResult> {
  const resolver = new dns.Resolver({ timeout: ctx.timeoutMs, tries: 1 });
  if (config.resolver) {
    try {
      resolver.setServers([config.resolver]);
    } catch {
      return down(`Not a resolver address: ${config.resolver}`);
    }
  }
  const started = performance.now();
  try {
    const found = await withDeadline(ctx.timeoutMs, (signal) => {
      signal.addEventListener("abort", () => resolver.cancel());
      return answers(resolver, config);
    });
    const ms = Math.round(performance.now() - started);
    const detail = { answers: found.slice(0, 20), resolver: config.resolver ?? "system" };
    if (config.expected !== undefined && !found.some((a) => matches(a, config.expected!, config.recordType))) {
      return down(
        `${config.recordType} ${config.name} is ${found.join(", ") || "empty"}, expected ${config.expected}`,
        ms,
        detail,
      );
    }
    return up(ms, detail);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "";
    return down(DNS_ERRORS[code] ?? describeError(err), null, { resolver: config.resolver ?? "system" });
  }
}
