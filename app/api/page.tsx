import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { apiContext, V2_ENDPOINTS } from "@/services/api/v2";
import { endpoints } from "@/services/api/v1/endpoints";
import { Code } from "./code-sample";
import { DetectionDocs } from "./detection-docs";
import {
  componentUpdateExample,
  incidentExample,
  RECEIVER_SNIPPET,
  RETRY_SUMMARY,
  VERIFY_SNIPPET,
  WEBHOOK_HEADERS,
} from "@/services/webhooks/docs";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "API, feeds and embeds" };

const V2_DESCRIPTIONS: Record<(typeof V2_ENDPOINTS)[number], string> = {
  "summary.json":
    "Everything at once: the page, every service, unresolved incidents, open maintenance and the overall status.",
  "status.json": "The overall status: indicator (none, minor, major, critical, maintenance) and description.",
  "components.json": "Every service and group, in page order. Groups list their services' ids.",
  "incidents.json": "The 50 most recent incidents, newest first, each with its updates newest first.",
  "incidents/unresolved.json": "Incidents that are investigating, identified or monitoring.",
  "scheduled-maintenances.json": "The 50 most recent scheduled maintenances.",
  "scheduled-maintenances/upcoming.json": "Maintenance that has not started yet.",
  "scheduled-maintenances/active.json": "Maintenance in progress or being verified.",
};

const GENERIC_EXAMPLE = `{ "service": "Mail", "state": "firing", "severity": "critical", "summary": "Mail is down", "fingerprint": "mail-down" }`;
const GENERIC_FIELDS: [string, string][] = [
  ["service", "The service's name or id (any case); or send labels for the integration's matcher rules"],
  ["state", '"firing" (the default) or "resolved"'],
  [
    "status / severity",
    "A service status such as major_outage, or a severity read through the integration's severity map",
  ],
  ["summary", "One line about the problem"],
  ["fingerprint", "What identifies the alert across sends (default: the service)"],
  ["labels", "An object of strings, matched by the integration's rules"],
];

export default function ApiDocs() {
  const ctx = apiContext(getDb());
  if (!ctx) notFound();
  const base = ctx.baseUrl;
  return (
    <main className="mx-auto max-w-3xl space-y-10 px-4 py-10 leading-relaxed [overflow-wrap:anywhere]">
      <header>
        <p>
          <Link href="/" className="text-blue-700 underline dark:text-blue-400">
            {ctx.page.name} status
          </Link>
        </p>
        <h1 className="mt-2 text-3xl font-bold">API, feeds and embeds</h1>
        <p className="mt-2 text-slate-700 dark:text-slate-300">
          Everything here except the management API is public and read-only, needs no key, allows any origin (CORS) and
          is cached for a few seconds.
        </p>
      </header>

      <section aria-labelledby="v2">
        <h2 id="v2" className="text-xl font-semibold">
          Statuspage-compatible API (v2)
        </h2>
        <p className="mt-2">
          The same shapes as Atlassian Statuspage&apos;s public API, so dashboards, exporters and chat integrations that
          read a Statuspage page work unchanged. Send <code>If-None-Match</code> with the last <code>ETag</code> to get
          a 304.
        </p>
        <dl className="mt-4 space-y-3">
          {V2_ENDPOINTS.map((endpoint) => (
            <div key={endpoint}>
              <dt>
                <a
                  className="font-mono text-sm text-blue-700 underline dark:text-blue-400"
                  href={`/api/v2/${endpoint}`}
                >
                  GET /api/v2/{endpoint}
                </a>
              </dt>
              <dd className="text-slate-700 dark:text-slate-300">{V2_DESCRIPTIONS[endpoint]}</dd>
            </div>
          ))}
        </dl>
        <Code label="Example: read the status with curl">{`curl -s ${base}/api/v2/status.json`}</Code>
        <p className="mt-4">
          On a <strong>private</strong> page these endpoints, the feeds, the calendar and the badge answer{" "}
          <code>401</code> with a JSON <code>{"{error}"}</code> unless the request carries a viewer token (created by an
          admin under Audience in the console) as <code>Authorization: Bearer &lt;token&gt;</code>, or as{" "}
          <code>?viewer_token=&lt;token&gt;</code> for feed readers that cannot send headers. On a{" "}
          <strong>mixed</strong> page they show the public part to everyone and everything to a viewer; answers for a
          viewer are sent <code>Cache-Control: private, no-store</code>.
        </p>
      </section>

      <section aria-labelledby="feeds">
        <h2 id="feeds" className="text-xl font-semibold">
          Feeds and calendar
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          <li>
            Incident history as{" "}
            <a className="underline" href="/history.atom">
              Atom
            </a>{" "}
            or{" "}
            <a className="underline" href="/history.rss">
              RSS
            </a>
            ; add <code>?component=&lt;id&gt;</code> for one service&apos;s incidents only.
          </li>
          <li>
            Scheduled maintenance as a calendar to subscribe to:{" "}
            <a className="underline" href="/maintenances.ics">
              /maintenances.ics
            </a>
            , or one maintenance at <code>/maintenances/&lt;id&gt;.ics</code>.
          </li>
          <li>
            In another language, put its code first: <code>/de/history.atom</code>, <code>/fr/maintenances.ics</code>,{" "}
            <code>/ja/badge.svg</code>, <code>/ar/embed/widget</code> (en, de, fr, es, nl, pt-BR, ja, ar). The JSON API
            is the same in every language.
          </li>
        </ul>
      </section>

      <section aria-labelledby="badge">
        <h2 id="badge" className="text-xl font-semibold">
          Status badge
        </h2>
        <p className="mt-2">
          A shields-style SVG with the overall status (
          <a className="underline" href="/badge.svg">
            /badge.svg
          </a>
          ) or one service&apos;s:
        </p>
        <Code label="Badge snippet">{`<img src="${base}/badge.svg" alt="Service status">\n<img src="${base}/badge.svg?component=<id>" alt="VPN status">`}</Code>
      </section>

      <section aria-labelledby="embed">
        <h2 id="embed" className="text-xl font-semibold">
          Embed on your site
        </h2>
        <p className="mt-2">
          A 5 KB script with no dependencies shows a dismissible banner on your site while an incident is open or
          maintenance is in progress, and nothing otherwise:
        </p>
        <Code label="Banner snippet">{`<script src="${base}/embed.js" async></script>\n<!-- at the top instead of the bottom: -->\n<script src="${base}/embed.js" data-position="top" async></script>\n<!-- in one of en, de, fr, es, nl, pt-BR, ja, ar (by default the host page's <html lang>): -->\n<script src="${base}/embed.js" data-lang="de" async></script>`}</Code>
        <p className="mt-4">Or a compact status card in an iframe:</p>
        <Code label="Widget snippet">{`<iframe src="${base}/embed/widget" title="Service status" width="320" height="72" style="border:0"></iframe>`}</Code>
      </section>

      <section aria-labelledby="v1">
        <h2 id="v1" className="text-xl font-semibold">
          Management API (v1)
        </h2>
        <p className="mt-2">
          For automation: services, groups, incidents and maintenance. Send an API key that an owner created in the
          console as <code>Authorization: Bearer &lt;key&gt;</code>. A read-only key can only read; an editor key also
          posts incidents, maintenance and updates; an admin key also changes services and groups. Bodies are JSON;
          errors are <code>{`{"error": {"code", "message", "fields"}}`}</code>; while the database cannot save
          (read-only or full) writes answer 503 with <code>Retry-After</code>. The full description is the OpenAPI
          document at{" "}
          <a className="underline" href="/api/v1/openapi.json">
            /api/v1/openapi.json
          </a>
          .
        </p>
        <dl className="mt-4 space-y-3">
          {Object.values(endpoints).map((e) => (
            <div key={`${e.method} ${e.path}`}>
              <dt className="font-mono text-sm break-all">
                {e.method} {e.path}
              </dt>
              <dd className="text-slate-700 dark:text-slate-300">
                {e.summary} <span className="text-sm text-slate-600 dark:text-slate-400">({e.role} key)</span>
              </dd>
            </div>
          ))}
        </dl>
        <p className="mt-4">
          Services are written with camelCase fields (<code>availabilityTarget</code>, <code>showResponseTime</code>,
          ...) and answered in the Statuspage shape of <code>/api/v2</code> plus two fields of their own:{" "}
          <code>availability_target</code> (the service report&apos;s target in percent, above 0 and at most 100,
          default 99.9) and <code>show_response_time</code>. Groups have neither.
        </p>
        <Code label="Example: set a service’s status with curl">{`curl -s -X PATCH ${base}/api/v1/components/<id> \\
  -H "Authorization: Bearer $STATUS_API_KEY" -H "Content-Type: application/json" \\
  -d '{"status": "partial_outage"}'`}</Code>
      </section>

      <section aria-labelledby="webhooks">
        <h2 id="webhooks" className="text-xl font-semibold">
          Webhooks
        </h2>
        <p className="mt-2">
          Register a URL on the{" "}
          <Link className="underline" href="/subscribe?via=webhook">
            subscribe page
          </Link>{" "}
          (or ask an admin to add it) and we POST Statuspage-compatible JSON to it for every incident and maintenance
          notification and every service status change, for everything or only the services you chose. Receivers tell
          the kinds apart by which key is present: <code>incident</code> or <code>component_update</code> with{" "}
          <code>component</code>. The signing secret is shown once, when you register.
        </p>
        <h3 className="mt-4 font-semibold">Headers</h3>
        <dl className="mt-2 space-y-2">
          {WEBHOOK_HEADERS.map((h) => (
            <div key={h.name}>
              <dt className="font-mono text-sm">{h.name}</dt>
              <dd className="text-slate-700 dark:text-slate-300">{h.meaning}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-4">
          {RETRY_SUMMARY} Every payload&apos;s <code>meta.unsubscribe</code> link removes the webhook.
        </p>
        <h3 className="mt-4 font-semibold">A service status change</h3>
        <Code label="Example webhook payload: component update">{componentUpdateExample(base)}</Code>
        <h3 className="mt-4 font-semibold">
          An incident (maintenance is sent the same way, with its maintenance fields)
        </h3>
        <Code label="Example webhook payload: incident">{incidentExample(base)}</Code>
        <h3 className="mt-4 font-semibold">Verifying the signature (Node)</h3>
        <p className="mt-2">
          Compute the HMAC over the raw body before parsing it, compare in constant time, and refuse timestamps more
          than five minutes away:
        </p>
        <Code label="Verifying a webhook signature in Node">{VERIFY_SNIPPET}</Code>
        <p className="mt-2">Used in a receiver:</p>
        <Code label="A webhook receiver in Node">{RECEIVER_SNIPPET}</Code>
      </section>

      <section aria-labelledby="intake">
        <h2 id="intake" className="text-xl font-semibold">
          Alert intake
        </h2>
        <p className="mt-2">
          An admin creates an integration in the console (or with <code>POST /api/v1/integrations</code>) and gets its
          intake URL once: <code>POST /api/integrations/&lt;id&gt;/&lt;secret&gt;</code>, or{" "}
          <code>POST /api/integrations/&lt;id&gt;</code> with <code>Authorization: Bearer &lt;secret&gt;</code>. It
          accepts Prometheus Alertmanager&apos;s webhook (version 4), Grafana alerting&apos;s webhook contact point, or
          this generic shape (one alert, or <code>{`{"alerts": [...]}`}</code>):
        </p>
        <Code label="The generic alert shape">{GENERIC_EXAMPLE}</Code>
        <dl className="mt-4 space-y-2">
          {GENERIC_FIELDS.map(([name, meaning]) => (
            <div key={name}>
              <dt className="font-mono text-sm">{name}</dt>
              <dd className="text-slate-700 dark:text-slate-300">{meaning}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-4">
          Each firing alert claims a status for its service until it is resolved; repeats and re-sends of the same
          fingerprint change nothing. Answers: 200 with counts, 400 with the reason for a malformed payload (nothing
          changes), 401 for a wrong secret, 413 over 1 MB, 429 when too many arrive.
        </p>
      </section>

      <section aria-labelledby="sms-inbound">
        <h2 id="sms-inbound" className="text-xl font-semibold">
          SMS replies (Twilio)
        </h2>
        <p className="mt-2">
          When SMS is configured, point the sending number&apos;s incoming-message webhook in Twilio at{" "}
          <code>POST {base}/api/sms/twilio</code>. A reply of <code>STOP</code> (or <code>STOPALL</code>,{" "}
          <code>UNSUBSCRIBE</code>, <code>CANCEL</code>, <code>END</code>, <code>QUIT</code>) unsubscribes the number.
          Every request must carry a valid <code>X-Twilio-Signature</code> for that URL and the auth token: anything
          else is answered 403 and changes nothing. The answer is an empty TwiML document; Twilio sends its own opt-out
          confirmation.
        </p>
      </section>

      <DetectionDocs base={base} />

      <section aria-labelledby="health">
        <h2 id="health" className="text-xl font-semibold">
          Health
        </h2>
        <p className="mt-2">
          <code>GET /api/health</code> answers 200 with JSON while the server can read and write its database, and 503
          when it cannot: <code>database</code> is <code>read_only</code> (it answers but cannot save: a read-only file
          or a full disk) or <code>unreachable</code>, and <code>reason</code> says what SQLite reported.
        </p>
      </section>
    </main>
  );
}
