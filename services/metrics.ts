// /metrics in the Prometheus text exposition format (version 0.0.4), so Prometheus and Grafana can scrape the
// page itself. The metric names and their meaning are documented in README.md ("Metrics"); each family has
// HELP and TYPE lines. Statuses are one gauge per possible value (1 for the current one, as Prometheus's own
// exporters do for enums) plus a numeric code for alert rules (`> 0` means not operational).
import { COMPONENT_STATUSES, DELIVERY_CHANNELS, MONITOR_STATES, type ComponentStatus } from "@/db/constants";
import type { metricsSnapshot } from "@/db/queries/metrics";

export const STATUS_CODES: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

/** Label values escape backslash, double quote and line feed, as the format requires. */
const escape = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
const labels = (l: Record<string, string>) =>
  `{${Object.entries(l)
    .map(([k, v]) => `${k}="${escape(v)}"`)
    .join(",")}}`;

class Exposition {
  private lines: string[] = [];
  family(name: string, type: "gauge" | "counter", help: string, samples: [Record<string, string>, number][]): void {
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [l, v] of samples)
      this.lines.push(`${name}${Object.keys(l).length ? labels(l) : ""} ${Number.isFinite(v) ? v : "NaN"}`);
  }
  toString(): string {
    return `${this.lines.join("\n")}\n`;
  }
}

export function renderMetrics(snap: ReturnType<typeof metricsSnapshot>, now: number): string {
  const out = new Exposition();
  const svc = (s: { id: string; name: string }) => ({ service_id: s.id, service: s.name });
  out.family(
    "statuspage_service_status",
    "gauge",
    "1 for the status each service shows now, 0 for the others",
    snap.services.flatMap((s) =>
      COMPONENT_STATUSES.map((status): [Record<string, string>, number] => [
        { ...svc(s), status },
        s.status === status ? 1 : 0,
      ]),
    ),
  );
  out.family(
    "statuspage_service_status_code",
    "gauge",
    "The status as a number: 0 operational, 1 under maintenance, 2 degraded performance, 3 partial outage, 4 major outage",
    snap.services.map((s) => [svc(s), STATUS_CODES[s.status]]),
  );
  const mon = (m: { id: string; name: string; kind: string }) => ({ monitor_id: m.id, monitor: m.name, kind: m.kind });
  out.family(
    "statuspage_monitor_state",
    "gauge",
    "1 for each monitor's damped state (unknown, up, degraded, down; paused monitors report paused), 0 for the others",
    snap.monitors.flatMap((m) =>
      [...MONITOR_STATES, "paused"].map((state): [Record<string, string>, number] => [
        { ...mon(m), state },
        (m.paused ? "paused" : m.state) === state ? 1 : 0,
      ]),
    ),
  );
  out.family(
    "statuspage_monitor_last_response_seconds",
    "gauge",
    "The response time of each monitor's last check (monitors without one are left out)",
    snap.monitors.filter((m) => m.lastResponseMs !== null).map((m) => [mon(m), m.lastResponseMs! / 1000]),
  );
  out.family(
    "statuspage_monitor_last_check_timestamp_seconds",
    "gauge",
    "When each monitor last ran (Unix time)",
    snap.monitors.filter((m) => m.lastCheckedAt !== null).map((m) => [mon(m), m.lastCheckedAt! / 1000]),
  );
  const byChannel = new Map(snap.outbox.map((o) => [o.channel, o]));
  const channels = [...DELIVERY_CHANNELS, "unassigned"];
  const outbox = (c: string) =>
    c === "unassigned"
      ? snap.unfanned
      : (byChannel.get(c as (typeof DELIVERY_CHANNELS)[number]) ?? { depth: 0, oldest: null });
  out.family(
    "statuspage_outbox_depth",
    "gauge",
    "Deliveries waiting to be sent, per channel (unassigned: notifications not yet fanned out to recipients)",
    channels.map((c) => [{ channel: c }, outbox(c).depth]),
  );
  out.family(
    "statuspage_outbox_oldest_age_seconds",
    "gauge",
    "Age of the oldest waiting delivery per channel (0 when none waits)",
    channels.map((c) => {
      const oldest = outbox(c).oldest;
      return [{ channel: c }, oldest === null ? 0 : Math.max(0, (now - oldest) / 1000)];
    }),
  );
  const delivered = (channel: string, states: string[]) =>
    snap.delivered.filter((d) => d.channel === channel && states.includes(d.state)).reduce((n, d) => n + d.total, 0);
  out.family(
    "statuspage_deliveries_total",
    "counter",
    "Deliveries finished, per channel and result (sent; failed: given up or parked). Counted from the deliveries table",
    DELIVERY_CHANNELS.flatMap((c): [Record<string, string>, number][] => [
      [{ channel: c, result: "sent" }, delivered(c, ["sent"])],
      [{ channel: c, result: "failed" }, delivered(c, ["failed", "parked"])],
    ]),
  );
  out.family(
    "statuspage_integration_firing_alerts",
    "gauge",
    "Alerts firing now per integration (each holds a status claim)",
    snap.integrations.map((i) => [{ integration_id: i.id, integration: i.name, kind: i.kind }, i.firing]),
  );
  return out.toString();
}
