import fs from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// One fresh database file per run, shared by the server and the tests (which open it to create their data).
// Set once in the main process; the workers inherit it.
process.env.E2E_DATABASE_PATH ??= path.resolve(".e2e", `run-${Date.now()}`, "status.db");
process.env.NEXT_TELEMETRY_DISABLED = "1";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;
// One fake Resend server for the run: the app delivers every email to it through the real SDK, and specs read
// them back over HTTP (e2e/notification-fixtures.ts).
const FAKE_RESEND_PORT = PORT + 1000;
process.env.E2E_FAKE_RESEND_URL = `http://127.0.0.1:${FAKE_RESEND_PORT}`;
// And one fake Twilio server: the app sends SMS to it through the real SDK (e2e/sms.spec.ts reads them back).
const FAKE_TWILIO_PORT = PORT + 1;
process.env.E2E_FAKE_TWILIO_URL = `http://127.0.0.1:${FAKE_TWILIO_PORT}`;
process.env.E2E_TWILIO_ACCOUNT_SID = "AC" + "e2e0".repeat(8);
process.env.E2E_TWILIO_AUTH_TOKEN = "e2e-twilio-auth-token-0123456789";

// And a real OpenID Provider (oidc-provider) for viewer and console single sign-on (e2e/sso.spec.ts).
const OIDC_PORT = PORT + 2;
process.env.E2E_OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;

function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const candidate of ["/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined; // Playwright's own browser, if installed
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        ...(isRoot ? ["--no-sandbox"] : []),
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: [
    {
      command: `npx tsx scripts/fake-resend.ts ${FAKE_RESEND_PORT}`,
      url: `${process.env.E2E_FAKE_RESEND_URL}/_test/stats`,
      timeout: 60_000,
      reuseExistingServer: false,
    },
    {
      command: `npx tsx scripts/fake-twilio.ts ${FAKE_TWILIO_PORT}`,
      url: `${process.env.E2E_FAKE_TWILIO_URL}/_test/messages`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: {
        FAKE_TWILIO_ACCOUNT_SID: process.env.E2E_TWILIO_ACCOUNT_SID,
        FAKE_TWILIO_AUTH_TOKEN: process.env.E2E_TWILIO_AUTH_TOKEN,
      },
    },
    {
      command: `npx tsx scripts/oidc-provider.ts ${OIDC_PORT} ${baseURL}`,
      url: `${process.env.E2E_OIDC_ISSUER}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
    },
    {
      // What `npm start` runs: the compiled server and scripts (scripts/run.mjs compiles dist/ when stale).
      command: "node scripts/run.mjs start --rebuild --fresh-database",
      url: `${baseURL}/api/health`,
      // A production build takes ~2 minutes on 2 idle cores; E2E_SERVER_TIMEOUT gives a busy machine longer.
      timeout: Number(process.env.E2E_SERVER_TIMEOUT ?? 300_000),
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        NEXT_TELEMETRY_DISABLED: "1",
        HOST: "127.0.0.1",
        PORT: String(PORT),
        DATABASE_PATH: process.env.E2E_DATABASE_PATH,
        PUBLIC_URL: baseURL,
        ADMIN_EMAIL: "owner@example.com",
        ADMIN_PASSWORD: "e2e-owner-password-1",
        SEED_DEMO: "true",
        RESEND_API_KEY: "re_e2e_test_key",
        RESEND_BASE_URL: process.env.E2E_FAKE_RESEND_URL,
        // So /api/webhooks/resend checks signatures and reads bodies (e2e/body-limits.spec.ts).
        RESEND_WEBHOOK_SECRET: "whsec_ZTJlLXJlc2VuZC13ZWJob29rLXNlY3JldA==",
        // Exposes the query and cache counters at /_status/metrics (e2e/public-cache.spec.ts).
        PAGE_METRICS: "1",
        // Lets webhooks reach the test receivers on 127.0.0.1 (e2e/webhooks.spec.ts); never set in production.
        WEBHOOKS_ALLOW_LOOPBACK: "1",
        // SMS through the fake Twilio server (e2e/sms.spec.ts).
        TWILIO_ACCOUNT_SID: process.env.E2E_TWILIO_ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: process.env.E2E_TWILIO_AUTH_TOKEN,
        TWILIO_FROM: "+15005550006",
        TWILIO_BASE_URL: process.env.E2E_FAKE_TWILIO_URL,
        // Viewer and console single sign-on through the test provider (the console uses the same settings).
        VIEWER_OIDC_ISSUER: process.env.E2E_OIDC_ISSUER,
        VIEWER_OIDC_CLIENT_ID: "status-page",
        VIEWER_OIDC_CLIENT_SECRET: "a-long-test-client-secret-of-forty-characters",
        VIEWER_OIDC_REQUIRED_CLAIM: "groups=staff",
        VIEWER_OIDC_NAME: "Example SSO",
      },
    },
  ],
});
