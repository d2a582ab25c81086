// The /api docs for what detection exposes: the heartbeat URL jobs call, and /metrics for Prometheus.
// The numbers come from the code that enforces them, so the page cannot drift from it.
import { HEARTBEAT_LIMIT } from "@/services/monitors/heartbeat";
import { Code } from "./code-sample";

export function DetectionDocs({ base }: { base: string }) {
  return (
    <>
      <section aria-labelledby="heartbeat">
        <h2 id="heartbeat" className="text-xl font-semibold">
          Heartbeats (push monitors)
        </h2>
        <p className="mt-2">
          A heartbeat monitor expects a job (a nightly backup, a cron script) to call its secret URL, shown once when an
          admin creates the monitor: <code>GET</code> or <code>POST /api/heartbeat/&lt;token&gt;</code>. No call within
          the period plus grace is a failure. Add <code>?status=fail&amp;msg=</code> and a short message (at most 500
          characters) to report a failure at once; the body of a POST is never read. Each monitor takes at most{" "}
          {HEARTBEAT_LIMIT.perWindow} calls a minute.
        </p>
        <p className="mt-2">
          Answers: 200 with <code>{`{"ok": true, "recorded": "up" | "down"}`}</code>, 400 for a bad <code>status</code>{" "}
          or <code>msg</code>, 404 for an unknown token, 409 while the monitor is paused, 429 with{" "}
          <code>Retry-After</code> over the limit.
        </p>
        <Code label="Example: a backup job reports its result">{`backup.sh && curl -fsS ${base}/api/heartbeat/<token> \\
  || curl -fsS "${base}/api/heartbeat/<token>?status=fail&msg=backup%20failed"`}</Code>
      </section>

      <section aria-labelledby="metrics">
        <h2 id="metrics" className="text-xl font-semibold">
          Prometheus metrics
        </h2>
        <p className="mt-2">
          <code>GET /metrics</code> answers in Prometheus&apos;s text format: each service&apos;s status (
          <code>statuspage_service_status</code>, one gauge per possible status, and{" "}
          <code>statuspage_service_status_code</code>), each monitor&apos;s state, last response time and last check,
          the notification outbox&apos;s depth and deliveries, and each integration&apos;s firing alerts. It needs an
          API key as <code>Authorization: Bearer &lt;key&gt;</code>; a read-only key is enough.
        </p>
        <Code label="Example: a Prometheus scrape job">{`scrape_configs:
  - job_name: status-page
    scheme: ${base.startsWith("https:") ? "https" : "http"}
    static_configs: [{ targets: ["${base.replace(/^https?:\/\//, "")}"] }]
    authorization: { credentials: "<read API key>" }`}</Code>
      </section>
    </>
  );
}
