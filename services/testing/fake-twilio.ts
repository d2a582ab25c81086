// A fake Twilio Messages API on 127.0.0.1 for tests and benchmarks: POST
// /2010-04-01/Accounts/<AccountSid>/Messages.json as Twilio answers it (Basic auth with the account SID and
// auth token, form fields To/From/Body, 201 with a message resource, errors in Twilio's JSON shape with its
// error codes), knobs to make it fail, and GET /_test/messages so a test in another process can read what
// was "sent". GET on the same Messages.json lists them (To, From, DateSent>=, newest first, as Twilio pages
// them), which is how a sender whose answer was lost finds out the message went through. The real SDK talks to it through services/sms/twilio.ts's base-URL rewrite.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { smsSegments } from "@/core/sms-segments";

export interface RecordedSms {
  sid: string;
  at: number;
  to: string;
  from: string;
  body: string;
  numSegments: number;
}

/**
 * 500: Twilio's 500 error body. 429: Too Many Requests (20429). drop: the connection closed unanswered,
 * nothing sent. accept-drop: the message is accepted (and listed), then the connection closes unanswered.
 */
export type TwilioFailure = "500" | "429" | "drop" | "accept-drop";

export interface FakeTwilioOptions {
  port?: number;
  accountSid?: string;
  authToken?: string;
}

export interface FakeTwilio {
  url: string;
  port: number;
  accountSid: string;
  authToken: string;
  messages(): RecordedSms[];
  requestCount(): number;
  failNext(count: number, how?: TwilioFailure): void;
  /** The next `count` list requests answer 500. */
  failNextList(count: number): void;
  listRequestCount(): number;
  /** Sends to this number answer 400 with 21610 (the recipient replied STOP), every time. */
  markUnsubscribed(number: string | null): void;
  reset(): void;
  close(): Promise<void>;
}

/** Twilio's error body: `{ code, message, more_info, status }`. */
export function twilioError(status: number, code: number, message: string) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

const E164 = /^\+[1-9]\d{7,14}$/;
/** Twilio's limit on a message body (it splits into at most 10 segments of 160). */
const MAX_BODY = 1600;

export async function startFakeTwilio(options: FakeTwilioOptions = {}): Promise<FakeTwilio> {
  const accountSid = options.accountSid ?? `AC${randomBytes(16).toString("hex")}`;
  const authToken = options.authToken ?? randomBytes(16).toString("hex");
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;
  let messages: RecordedSms[] = [];
  let requests = 0;
  let failures: TwilioFailure[] = [];
  let listFailures = 0;
  let listRequests = 0;
  let unsubscribed: string | null = null;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(body));
      };
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      if (req.method === "GET" && url.pathname === "/_test/messages") return json(200, { data: messages });
      const match = url.pathname.match(/^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/);
      if (req.method === "GET" && match) {
        listRequests++;
        if (req.headers.authorization !== expectedAuth || match[1] !== accountSid)
          return json(401, twilioError(401, 20003, "Authenticate"));
        if (listFailures > 0) {
          listFailures--;
          return json(500, twilioError(500, 20500, "Internal Server Error"));
        }
        return json(200, listPage(url, messages, accountSid));
      }
      if (req.method !== "POST" || !match)
        return json(404, twilioError(404, 20404, `The requested resource ${url.pathname} was not found`));
      requests++;
      const failure = failures.shift();
      if (failure === "drop") return req.socket.destroy();
      if (failure === "500") return json(500, twilioError(500, 20500, "Internal Server Error"));
      if (failure === "429") {
        res.setHeader("Retry-After", "1");
        return json(429, twilioError(429, 20429, "Too Many Requests"));
      }
      if (req.headers.authorization !== expectedAuth || match[1] !== accountSid)
        return json(401, twilioError(401, 20003, "Authenticate"));
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      const to = form.get("To") ?? "";
      const from = form.get("From") ?? "";
      const body = form.get("Body") ?? "";
      if (!to) return json(400, twilioError(400, 21604, "A 'To' phone number is required."));
      if (!E164.test(to))
        return json(400, twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`));
      if (!E164.test(from))
        return json(400, twilioError(400, 21212, `The 'From' number ${from} is not a valid phone number.`));
      if (!body) return json(400, twilioError(400, 21602, "Message body is required."));
      if (body.length > MAX_BODY)
        return json(400, twilioError(400, 21617, "The concatenated message body exceeds the 1600 character limit."));
      if (to === unsubscribed) return json(400, twilioError(400, 21610, "Attempt to send to unsubscribed recipient"));
      const sid = `SM${randomBytes(16).toString("hex")}`;
      const numSegments = smsSegments(body).segments;
      const message = { sid, at: Date.now(), to, from, body, numSegments };
      messages.push(message);
      if (failure === "accept-drop") return req.socket.destroy();
      json(201, { ...resource(message, accountSid), status: "queued" });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    accountSid,
    authToken,
    messages: () => [...messages],
    requestCount: () => requests,
    failNext: (count, how = "500") => {
      failures.push(...Array<TwilioFailure>(count).fill(how));
    },
    failNextList: (count) => {
      listFailures += count;
    },
    listRequestCount: () => listRequests,
    markUnsubscribed: (number) => {
      unsubscribed = number;
    },
    reset: () => {
      messages = [];
      requests = 0;
      failures = [];
      listFailures = 0;
      listRequests = 0;
      unsubscribed = null;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A message resource as Twilio returns it (the fake "sends" at once, so date_sent is the acceptance time). */
function resource(m: RecordedSms, accountSid: string) {
  return {
    sid: m.sid,
    account_sid: accountSid,
    to: m.to,
    from: m.from,
    body: m.body,
    status: "sent",
    num_segments: String(m.numSegments),
    direction: "outbound-api",
    date_created: new Date(m.at).toUTCString(),
    date_sent: new Date(m.at).toUTCString(),
    error_code: null,
    error_message: null,
    uri: `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}.json`,
  };
}

/**
 * One page of the Messages list. `DateSent>=` takes YYYY-MM-DD (a whole UTC day, as Twilio documents) or a
 * full ISO time; PageSize is at most 1000. Newest first.
 */
function listPage(url: URL, messages: RecordedSms[], accountSid: string) {
  const q = url.searchParams;
  const to = q.get("To");
  const from = q.get("From");
  const since = q.get("DateSent>") ?? q.get("DateSent>=");
  const sinceMs = since ? Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(since) ? `${since}T00:00:00Z` : since) : null;
  const pageSize = Math.min(1000, Math.max(1, Number(q.get("PageSize") ?? 50) || 50));
  const found = messages
    .filter((m) => (!to || m.to === to) && (!from || m.from === from) && (sinceMs === null || m.at >= sinceMs))
    .reverse()
    .slice(0, pageSize);
  const uri = `${url.pathname}${url.search}`;
  return {
    messages: found.map((m) => resource(m, accountSid)),
    page: 0,
    page_size: pageSize,
    start: 0,
    end: Math.max(0, found.length - 1),
    uri,
    first_page_uri: uri,
    next_page_uri: null,
    previous_page_uri: null,
  };
}
