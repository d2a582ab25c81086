// What a monitor is made of: its common settings and, per kind, the target and checks (the `config` JSON
// column). One zod schema per kind; the console, the API and (later) the YAML file all parse through these.
//
// TRUST BOUNDARY: monitors may target private and loopback addresses, because watching internal services is
// the point. The webhook SSRF guard (services/webhooks/url-guard.ts) is therefore deliberately NOT applied here.
// What keeps this safe is who may create monitors: only owners and admins (capability "services.write").
// What a check fetches is never shown to visitors; the console shows admins the status code, timings and
// errors, never a response body. Sizes are capped anyway: a body is read up to 1 MB, redirects up to 10,
// every check has a hard timeout.
import { z } from "zod";
import { LIMITS, MONITOR_FAILURE_STATUSES, MONITOR_KINDS, MONITOR_LIMITS, INCIDENT_MODES } from "@/db/constants";
import { ID_PATTERN } from "@/core/ids";
import { singleLine } from "@/core/text-input";

const line = (max: number, what: string) =>
  singleLine(
    z
      .string({ error: `Enter ${what}` })
      .trim()
      .min(1, { error: `Enter ${what}` })
      .max(max, { error: `Use at most ${max} characters` }),
  );
const host = line(253, "a host name or address");
const port = z
  .number({ error: "Give a port" })
  .int()
  .min(1, { error: "A port is 1 to 65535" })
  .max(65_535, { error: "A port is 1 to 65535" });

const httpUrl = line(LIMITS.url, "a URL").refine(
  (value) => {
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:";
    } catch {
      return false;
    }
  },
  { error: "Enter an http:// or https:// URL" },
);

export const httpConfig = z.strictObject({
  url: httpUrl,
  method: z.enum(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]).default("GET"),
  headers: z.record(line(100, "a header name"), singleLine(z.string().max(4_000))).default({}),
  body: z.string().max(100_000).optional(),
  /** Status codes that count as up, e.g. [200, 204]; default any 2xx. */
  expectedStatus: z.array(z.number().int().min(100).max(599)).max(50).optional(),
  keyword: singleLine(z.string().min(1).max(1_000)).optional(),
  /** true: up when the keyword is absent. */
  keywordAbsent: z.boolean().default(false),
  /** A dotted path into a JSON body ("data.status", "items.0.ok") and the value it must equal. */
  jsonPath: singleLine(z.string().min(1).max(500)).optional(),
  jsonEquals: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
  maxResponseMs: z.number().int().positive().optional(),
  followRedirects: z.boolean().default(true),
  maxRedirects: z.number().int().min(0).max(MONITOR_LIMITS.maxRedirects).default(5),
  verifyTls: z.boolean().default(true),
  /** "host" or "host:port" of the DNS server to resolve the URL's host with; default the system's. */
  resolver: singleLine(z.string().trim().min(1).max(300)).optional(),
  /** PEM of an internal CA to trust besides the system's (internal services often have one). */
  caPem: z.string().max(20_000).optional(),
});

export const tcpConfig = z.strictObject({ host, port });

export const DNS_RECORD_TYPES = ["A", "AAAA", "CNAME", "MX", "TXT", "NS"] as const;
export const dnsConfig = z.strictObject({
  name: host,
  recordType: z.enum(DNS_RECORD_TYPES, { error: "Choose A, AAAA, CNAME, MX, TXT or NS" }),
  /** Up when some answer equals this (case-insensitive for names); absent: any answer is up. */
  expected: singleLine(z.string().trim().min(1).max(1_000)).optional(),
  /** "host" or "host:port"; default the system's resolvers. Internal DNS is what IT monitors. */
  resolver: singleLine(z.string().trim().min(1).max(300)).optional(),
});

export const tlsConfig = z.strictObject({
  host,
  port: port.default(443),
  /** The name the certificate must be valid for; default the host. */
  servername: host.optional(),
  /** Down when the certificate expires within this many days. */
  minDaysValid: z.number().int().min(0).max(3_650).default(14),
  /** PEM of an internal CA to trust besides the system's. */
  caPem: z.string().max(20_000).optional(),
});

export const pingConfig = z.strictObject({
  // Passed to the system `ping` as an argument: a leading "-" would be read as an option.
  host: host.refine((h) => /^[A-Za-z0-9][A-Za-z0-9.:_-]*$/.test(h), { error: "Enter a host name or an IP address" }),
  count: z.number().int().min(1).max(10).default(1),
});

export const heartbeatConfig = z.strictObject({
  /** Seconds of grace after the expected period; default a fifth of the period (core/monitor-schedule.ts). */
  graceSeconds: z.number().int().min(0).max(86_400).optional(),
});

export const CONFIG_SCHEMAS = {
  http: httpConfig,
  tcp: tcpConfig,
  dns: dnsConfig,
  tls: tlsConfig,
  ping: pingConfig,
  heartbeat: heartbeatConfig,
} as const;

export type HttpConfig = z.output<typeof httpConfig>;
export type TcpConfig = z.output<typeof tcpConfig>;
export type DnsConfig = z.output<typeof dnsConfig>;
export type TlsConfig = z.output<typeof tlsConfig>;
export type PingConfig = z.output<typeof pingConfig>;
export type HeartbeatConfig = z.output<typeof heartbeatConfig>;

const common = {
  name: line(LIMITS.name, "a name"),
  intervalSeconds: z
    .number({ error: "Give an interval in seconds" })
    .int({ error: "Give whole seconds" })
    .min(MONITOR_LIMITS.minIntervalSeconds, {
      error: `The interval is at least ${MONITOR_LIMITS.minIntervalSeconds} seconds`,
    })
    .max(MONITOR_LIMITS.maxIntervalSeconds, { error: "The interval is at most 24 hours" }),
  timeoutMs: z
    .number()
    .int()
    .min(MONITOR_LIMITS.minTimeoutMs, { error: `The timeout is at least ${MONITOR_LIMITS.minTimeoutMs} ms` })
    .max(MONITOR_LIMITS.maxTimeoutMs, { error: "The timeout is at most 60 seconds" })
    .optional(),
  componentId: z.string().regex(ID_PATTERN, { error: "Not a service id" }).nullable().default(null),
  failureStatus: z.enum(MONITOR_FAILURE_STATUSES).default("major_outage"),
  slowThresholdMs: z.number().int().positive().nullable().default(null),
  failuresBeforeDown: z.number().int().min(1).max(100).default(3),
  successesBeforeUp: z.number().int().min(1).max(100).default(2),
  paused: z.boolean().default(false),
  incidentMode: z.enum(INCIDENT_MODES).default("status_only"),
  templateId: z.string().regex(ID_PATTERN, { error: "Not a template id" }).nullable().default(null),
};

/** A whole monitor: the common settings plus `kind` and its `config`, checked against each other. */
export const monitorInput = z
  .discriminatedUnion(
    "kind",
    MONITOR_KINDS.map((kind) =>
      z.strictObject({ ...common, kind: z.literal(kind), config: CONFIG_SCHEMAS[kind] }),
    ) as unknown as [z.ZodObject<typeof common & { kind: z.ZodLiteral<"http">; config: typeof httpConfig }>],
    { error: "Choose a kind: http, tcp, dns, tls, ping or heartbeat" },
  )
  .superRefine((m, ctx) => {
    if (m.timeoutMs !== undefined && m.timeoutMs > m.intervalSeconds * 1000)
      ctx.addIssue({ code: "custom", path: ["timeoutMs"], message: "The timeout must be shorter than the interval" });
    if (m.incidentMode === "published" && !m.templateId)
      ctx.addIssue({
        code: "custom",
        path: ["templateId"],
        message: "Choose the template the incident is published from",
      });
  })
  // Default timeout: 10 s, or the interval when that is shorter.
  .transform((m) => ({ ...m, timeoutMs: m.timeoutMs ?? Math.min(10_000, m.intervalSeconds * 1000) }));

export type { MonitorSettings } from "@/core/monitor-types";

/** Parses a kind's config alone (checkers call this on what the database holds). */
export function parseConfig<K extends keyof typeof CONFIG_SCHEMAS>(
  kind: K,
  raw: unknown,
): z.output<(typeof CONFIG_SCHEMAS)[K]> {
  return CONFIG_SCHEMAS[kind].parse(raw) as z.output<(typeof CONFIG_SCHEMAS)[K]>;
}
