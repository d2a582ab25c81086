// What the /api page and the README say about webhooks: example payloads, the headers and a verification
// snippet. docs.test.ts runs the snippet and checks the examples against the payload schemas, so the
// documentation cannot drift from what is sent.
import { DEFAULT_TOLERANCE_SECONDS, DELIVERY_ID_HEADER, EVENT_HEADER, SIGNATURE_HEADER } from "./signature";
import { USER_AGENT } from "./deliver";
import {
  CIRCUIT_BASE_COOLDOWN_MS,
  CIRCUIT_MAX_COOLDOWN_MS,
  CIRCUIT_THRESHOLD,
} from "@/services/notifications/circuit-breaker";
import { WEBHOOK_RETRY_DELAYS_MS, WEBHOOK_VERIFICATION_DELAYS_MS } from "./retry-schedule";
import { WEBHOOK_TIMEOUT_MS } from "./send";

export const WEBHOOK_HEADERS: { name: string; meaning: string }[] = [
  { name: "Content-Type", meaning: "application/json" },
  { name: "User-Agent", meaning: `${USER_AGENT} (+<page URL>/api#webhooks)` },
  { name: SIGNATURE_HEADER, meaning: 't=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with your secret>' },
  {
    name: DELIVERY_ID_HEADER,
    meaning: "The delivery's id: the same on every retry of one event, so you can drop duplicates",
  },
  {
    name: EVENT_HEADER,
    meaning: '"component_update", "incident" or "ping" (the body says it too: by which key is present)',
  },
];

const minutes = (list: readonly number[]) => list.map((ms) => `${ms / 60_000}`).join(", ");

export const RETRY_SUMMARY = `A new webhook is pending until it answers a signed "ping" event (body: meta, page and ping.message) with any 2xx within ${WEBHOOK_TIMEOUT_MS / 1000} s; until then it receives nothing. An unanswered ping is tried again after ${minutes(WEBHOOK_VERIFICATION_DELAYS_MS)} min, and the page's admins can send it again. A 2xx answer within ${WEBHOOK_TIMEOUT_MS / 1000} s is a success; anything else (a 3xx too) is retried after ${WEBHOOK_RETRY_DELAYS_MS.map((ms) => (ms >= 3_600_000 ? `${ms / 3_600_000} h` : `${ms / 60_000} min`)).join(", ")} (each ±20 %), about a day in all. Then the webhook is disabled and its owner emailed, if an address was given. After ${CIRCUIT_THRESHOLD} failures in a row a receiver is paused for ${CIRCUIT_BASE_COOLDOWN_MS / 60_000} min (doubling up to ${CIRCUIT_MAX_COOLDOWN_MS / 60_000} min while it keeps failing): its events wait without using up their retries, then one is tried, and a success sends the rest.`;

export function componentUpdateExample(base: string): string {
  return JSON.stringify(
    {
      meta: {
        unsubscribe: `${base}/unsubscribe/<token>`,
        documentation: `${base}/api#webhooks`,
        generated_at: "2026-06-11T09:00:03.412Z",
      },
      page: { id: "kctbh9vrtdwd", status_indicator: "minor", status_description: "Partially Degraded Service" },
      component_update: {
        old_status: "operational",
        new_status: "degraded_performance",
        created_at: "2026-06-11T09:00:03.098Z",
        component_type: "Component",
        id: "nd963wv4j30b",
        component_id: "mgv1p2j9x444",
      },
      component: {
        status: "degraded_performance",
        name: "Webmail",
        created_at: "2021-01-14T17:03:37.921Z",
        updated_at: "2026-06-11T09:00:03.098Z",
        position: 1,
        description: "Browser access to staff mailboxes.",
        showcase: true,
        id: "mgv1p2j9x444",
        page_id: "kctbh9vrtdwd",
        group_id: "ym75hzpmfq4q",
      },
    },
    null,
    2,
  );
}

export function incidentExample(base: string): string {
  return JSON.stringify(
    {
      meta: {
        unsubscribe: `${base}/unsubscribe/<token>`,
        documentation: `${base}/api#webhooks`,
        generated_at: "2026-06-11T09:45:12.501Z",
      },
      page: { id: "kctbh9vrtdwd", status_indicator: "minor", status_description: "Partially Degraded Service" },
      incident: {
        id: "n4njzfn1mqy0",
        name: "Webmail slow to load",
        status: "identified",
        created_at: "2026-06-11T09:00:02.744Z",
        updated_at: "2026-06-11T09:45:12.377Z",
        monitoring_at: null,
        resolved_at: null,
        impact: "minor",
        shortlink: `${base}/incidents/n4njzfn1mqy0`,
        started_at: "2026-06-11T09:00:02.737Z",
        page_id: "kctbh9vrtdwd",
        incident_updates: [
          {
            id: "2shj4d01hc9g",
            status: "identified",
            body: "A fix is being rolled out.",
            incident_id: "n4njzfn1mqy0",
            created_at: "2026-06-11T09:45:12.360Z",
            updated_at: "2026-06-11T09:45:12.360Z",
            display_at: "2026-06-11T09:45:12.360Z",
            affected_components: [
              {
                code: "mgv1p2j9x444",
                name: "Webmail",
                old_status: "degraded_performance",
                new_status: "degraded_performance",
              },
            ],
            deliver_notifications: true,
            custom_tweet: null,
            tweet_id: null,
          },
        ],
        components: [
          {
            id: "mgv1p2j9x444",
            name: "Webmail",
            status: "degraded_performance",
            created_at: "2021-01-14T17:03:37.921Z",
            updated_at: "2026-06-11T09:00:03.098Z",
            position: 1,
            description: "Browser access to staff mailboxes.",
            showcase: true,
            start_date: "2021-01-14",
            group_id: "ym75hzpmfq4q",
            page_id: "kctbh9vrtdwd",
            group: false,
            only_show_if_degraded: false,
          },
        ],
      },
    },
    null,
    2,
  );
}

/** An ES module for Node 18+, with no dependencies. */
export const VERIFY_SNIPPET = `import { createHmac, timingSafeEqual } from "node:crypto";

// rawBody: the request body exactly as received (string or Buffer), before JSON.parse.
// header: the value of the ${SIGNATURE_HEADER} header.
export function verifyStatusWebhook(secret, rawBody, header, toleranceSeconds = ${DEFAULT_TOLERANCE_SECONDS}) {
  const parts = Object.fromEntries(String(header ?? "").split(",").map((p) => p.trim().split("=", 2)));
  const t = Number(parts.t);
  if (!/^\\d+$/.test(parts.t ?? "") || !/^[0-9a-f]{64}$/.test(parts.v1 ?? "")) return false;
  // Refuse old (replayed) and future timestamps.
  if (Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac("sha256", secret).update(\`\${t}.\${rawBody}\`).digest();
  return timingSafeEqual(expected, Buffer.from(parts.v1, "hex"));
}`;

export const RECEIVER_SNIPPET = `import http from "node:http";
import { verifyStatusWebhook } from "./verify-status-webhook.mjs";

http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const raw = Buffer.concat(chunks).toString("utf8");
    if (!verifyStatusWebhook(process.env.STATUS_WEBHOOK_SECRET, raw, req.headers["${SIGNATURE_HEADER.toLowerCase()}"])) {
      res.writeHead(401).end();
      return;
    }
    const event = JSON.parse(raw); // event.component_update, event.incident, or event.ping (just answer 2xx)
    // Drop duplicates by req.headers["${DELIVERY_ID_HEADER.toLowerCase()}"]; answer quickly, work later.
    res.writeHead(204).end();
  });
}).listen(8080);`;
