// Configuration: read and validated once, from the environment, with defaults that make the embedded
// setup work with no variables at all. Every error names the variable.
import path from "node:path";
import { z } from "zod";
import { singleLine } from "@/core/text-input";

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const bool = (fallback: boolean) =>
  z.preprocess(
    emptyToUndefined,
    z
      .enum(["1", "0", "true", "false", "yes", "no", "on", "off"], {
        error: "must be one of true/false, 1/0, yes/no, on/off",
      })
      .optional()
      .transform((v) => (v === undefined ? fallback : ["1", "true", "yes", "on"].includes(v))),
  );

const schema = z
  .object({
    PORT: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^\d+$/, { error: "must be a whole number between 1 and 65535" })
        .transform(Number)
        .pipe(
          z
            .number()
            .int()
            .min(1, { error: "must be between 1 and 65535" })
            .max(65535, { error: "must be between 1 and 65535" }),
        )
        .default(3000),
    ),
    HOST: z.preprocess(emptyToUndefined, z.string().default("127.0.0.1")),
    DATABASE_PATH: z.preprocess(emptyToUndefined, z.string().default("./data/status.db")),
    PUBLIC_URL: z.preprocess(
      emptyToUndefined,
      z
        .url({ protocol: /^https?$/, error: "must be an absolute http(s) URL, e.g. https://status.example.org" })
        .optional(),
    ),
    PAGE_TIME_ZONE: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine(isValidTimeZone, { error: "must be an IANA time zone such as Etc/UTC or Europe/Berlin" })
        .default("Etc/UTC"),
    ),
    PAGE_NAME: z.preprocess(emptyToUndefined, singleLine(z.string().max(100)).default("Example IT Services")),
    RESEND_API_KEY: optionalString,
    RESEND_WEBHOOK_SECRET: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, {
          error: "must be the whsec_... signing secret Resend shows for the webhook",
        })
        .optional(),
    ),
    RESEND_BASE_URL: z.preprocess(emptyToUndefined, z.url({ error: "must be an absolute URL" }).optional()),
    EMAIL_FROM: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, {
          error: 'must be an address or "Name <address>"',
        })
        .default("Status Page <status@example.com>"),
    ),
    ADMIN_EMAIL: z.preprocess(emptyToUndefined, z.email({ error: "must be an email address" }).optional()),
    ADMIN_PASSWORD: z.preprocess(
      emptyToUndefined,
      z.string().min(12, { error: "must be at least 12 characters" }).max(200).optional(),
    ),
    EMAIL_RETENTION_DAYS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^\d+$/, { error: "must be a whole number of days between 1 and 3650" })
        .transform(Number)
        .pipe(
          z
            .number()
            .int()
            .min(1, { error: "must be between 1 and 3650" })
            .max(3650, { error: "must be between 1 and 3650" }),
        )
        .default(30),
    ),
    SEED_DEMO: bool(true),
    RUN_JOBS: bool(true),
    /** Renders the cached public pages in a worker thread (about 120 MB more memory; server.ts). */
    RENDER_WORKER: bool(true),
    TRUST_PROXY: bool(false),
    /** Lets webhooks go to 127.0.0.1 / ::1: for the test receivers only, never in production. */
    WEBHOOKS_ALLOW_LOOPBACK: bool(false),
    LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(["debug", "info", "warn", "error"]).default("info")),
    /** The Statuspage API the importer reads; tests point it at the fake Statuspage. */
    STATUSPAGE_API_URL: z.preprocess(
      emptyToUndefined,
      z
        .url({ protocol: /^https?$/, error: "must be an absolute http(s) URL, e.g. https://api.statuspage.io/v1" })
        .default("https://api.statuspage.io/v1"),
    ),
    STATUSPAGE_API_KEY: optionalString,
    /** OIDC sign-in for viewers of a private or mixed page (issue #15): the provider's issuer URL. */
    VIEWER_OIDC_ISSUER: z.preprocess(
      emptyToUndefined,
      z.url({ error: "must be the provider's issuer URL" }).optional(),
    ),
    VIEWER_OIDC_CLIENT_ID: optionalString,
    VIEWER_OIDC_CLIENT_SECRET: optionalString,
    /** "claim=value": the ID token (or userinfo) claim must be or contain the value, e.g. groups=staff. */
    VIEWER_OIDC_REQUIRED_CLAIM: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9_.:-]{1,100}=[^\s=]{1,200}$/, { error: 'must be "claim=value", e.g. groups=staff' })
        .optional(),
    ),
    VIEWER_OIDC_NAME: z.preprocess(emptyToUndefined, singleLine(z.string().max(60)).default("your organisation")),
    /** Console single sign-on (issue #15); without these the console uses the viewer provider's settings. */
    CONSOLE_OIDC_ISSUER: z.preprocess(
      emptyToUndefined,
      z.url({ error: "must be the provider's issuer URL" }).optional(),
    ),
    CONSOLE_OIDC_CLIENT_ID: optionalString,
    CONSOLE_OIDC_CLIENT_SECRET: optionalString,
    CONSOLE_OIDC_NAME: z.preprocess(emptyToUndefined, singleLine(z.string().max(60)).optional()),
    /** SMS through Twilio: all three, or none (then the public page offers no SMS). */
    TWILIO_ACCOUNT_SID: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^AC[0-9a-f]{32}$/i, { error: "must be an account SID: AC and 32 hex digits" })
        .optional(),
    ),
    TWILIO_AUTH_TOKEN: z.preprocess(emptyToUndefined, z.string().min(16).max(200).optional()),
    TWILIO_FROM: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^(\+[1-9]\d{7,14}|MG[0-9a-f]{32})$/i, {
          error: "must be an E.164 number like +15005550006, or a Messaging Service SID (MG...)",
        })
        .optional(),
    ),
    /** Instead of https://api.twilio.com: for the fake Twilio server in tests only. */
    TWILIO_BASE_URL: z.preprocess(emptyToUndefined, z.url({ error: "must be an absolute URL" }).optional()),
  })
  .refine(
    (env) =>
      [env.TWILIO_ACCOUNT_SID, env.TWILIO_AUTH_TOKEN, env.TWILIO_FROM].every((v) => v === undefined) ||
      [env.TWILIO_ACCOUNT_SID, env.TWILIO_AUTH_TOKEN, env.TWILIO_FROM].every((v) => v !== undefined),
    { error: "set all three of TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM, or none", path: ["TWILIO_FROM"] },
  )
  .transform((env) => ({
    port: env.PORT,
    host: env.HOST,
    databasePath: path.resolve(env.DATABASE_PATH),
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
    pageTimeZone: env.PAGE_TIME_ZONE,
    pageName: env.PAGE_NAME,
    resendApiKey: env.RESEND_API_KEY,
    resendBaseUrl: env.RESEND_BASE_URL,
    resendWebhookSecret: env.RESEND_WEBHOOK_SECRET,
    emailFrom: env.EMAIL_FROM,
    emailRetentionDays: env.EMAIL_RETENTION_DAYS,
    adminEmail: env.ADMIN_EMAIL?.toLowerCase(),
    adminPassword: env.ADMIN_PASSWORD,
    seedDemo: env.SEED_DEMO,
    runJobs: env.RUN_JOBS,
    renderWorker: env.RENDER_WORKER,
    trustProxy: env.TRUST_PROXY,
    webhooksAllowLoopback: env.WEBHOOKS_ALLOW_LOOPBACK,
    logLevel: env.LOG_LEVEL,
    statuspageApiUrl: env.STATUSPAGE_API_URL,
    statuspageApiKey: env.STATUSPAGE_API_KEY,
    viewerOidc:
      env.VIEWER_OIDC_ISSUER && env.VIEWER_OIDC_CLIENT_ID
        ? {
            issuer: env.VIEWER_OIDC_ISSUER,
            clientId: env.VIEWER_OIDC_CLIENT_ID,
            clientSecret: env.VIEWER_OIDC_CLIENT_SECRET ?? null,
            requiredClaim: env.VIEWER_OIDC_REQUIRED_CLAIM
              ? {
                  name: env.VIEWER_OIDC_REQUIRED_CLAIM.split("=")[0],
                  value: env.VIEWER_OIDC_REQUIRED_CLAIM.split("=")[1],
                }
              : null,
            name: env.VIEWER_OIDC_NAME,
          }
        : null,
    consoleOidc:
      env.CONSOLE_OIDC_ISSUER && env.CONSOLE_OIDC_CLIENT_ID
        ? {
            issuer: env.CONSOLE_OIDC_ISSUER,
            clientId: env.CONSOLE_OIDC_CLIENT_ID,
            clientSecret: env.CONSOLE_OIDC_CLIENT_SECRET ?? null,
            name: env.CONSOLE_OIDC_NAME ?? env.VIEWER_OIDC_NAME,
          }
        : env.VIEWER_OIDC_ISSUER && env.VIEWER_OIDC_CLIENT_ID
          ? {
              issuer: env.VIEWER_OIDC_ISSUER,
              clientId: env.VIEWER_OIDC_CLIENT_ID,
              clientSecret: env.VIEWER_OIDC_CLIENT_SECRET ?? null,
              name: env.CONSOLE_OIDC_NAME ?? env.VIEWER_OIDC_NAME,
            }
          : null,
    twilio:
      env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && env.TWILIO_FROM
        ? {
            accountSid: env.TWILIO_ACCOUNT_SID,
            authToken: env.TWILIO_AUTH_TOKEN,
            from: env.TWILIO_FROM,
            baseUrl: env.TWILIO_BASE_URL ?? null,
          }
        : null,
  }));

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Never echoed back in an error message. */
const SECRET_VARIABLES = new Set([
  "RESEND_API_KEY",
  "RESEND_WEBHOOK_SECRET",
  "ADMIN_PASSWORD",
  "STATUSPAGE_API_KEY",
  "TWILIO_AUTH_TOKEN",
  "VIEWER_OIDC_CLIENT_SECRET",
  "CONSOLE_OIDC_CLIENT_SECRET",
  "PUBLISH_S3_SECRET_ACCESS_KEY",
]);

/** Parses an environment; throws a ConfigError whose message is one line naming the variable(s). */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    const got = SECRET_VARIABLES.has(name) ? undefined : env[name];
    return `${name} ${issue.message}${got !== undefined ? ` (got ${JSON.stringify(got)})` : ""}`;
  });
  throw new ConfigError(`Invalid configuration: ${problems.join("; ")}`);
}

let cached: Config | undefined;

/** The configuration of this process, parsed on first use (never at import time). */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** For tests that change the environment. */
export function resetConfigForTests(): void {
  cached = undefined;
}
