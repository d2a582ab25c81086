// The layers, as lint rules (see ARCHITECTURE.md). One `@typescript-eslint/no-restricted-imports` entry per
// zone: ESLint's flat config lets a later entry replace a rule's options, not add to them, so every zone
// lists all the restrictions that apply to it and the zones never overlap (each file gets exactly one).
// The folder a file is in names its layer: core/ (pure), db/ (the only SQL), services/ (the verbs), then app/ and
// components/ on top.

/** The pure core: rules, ids, time, configuration. Imports nothing of ours but itself and db/constants. */
export const CORE = ["core/**"];
/** The core's modules as other files import them (after "@/"). */
const CORE_PATHS = "core/";

/** Outside db/, drizzle is allowed only where data is set up by hand: tests, fixtures, benchmarks. */
const DRIZZLE_ALLOWED = [
  "**/*.test.ts",
  "**/*.test.tsx",
  "services/testing/**",
  "e2e/**",
  "bench/**",
  "drizzle.config.ts",
];
/** Tests are exempt from the layer rules: they build data with whatever is quickest and clearest. */
const TESTS = ["**/*.test.ts", "**/*.test.tsx"];

const drizzle = {
  regex: "^drizzle-orm(/.*)?$",
  message: "Only db/ writes SQL: add a query or write in db/queries or db/writes and call it.",
};
const resend = { regex: "^resend(/.*)?$", message: "Only the mailer (services/mail/) talks to Resend." };
const twilio = { regex: "^twilio(/.*)?$", message: "Only the SMS sender (services/sms/twilio.ts) talks to Twilio." };
const ui = {
  regex: "^@/(components|app)(/|$)",
  message: "services/ never imports components/ or app/: put the shared type in core or db/constants.",
};

const restrict = (patterns) => ({ "@typescript-eslint/no-restricted-imports": ["error", { patterns }] });

export const layerRules = [
  {
    // db/constants.ts imports nothing at all: client components and the core both read it. It only gathers its
    // parts (db/constants/*.ts), which import nothing either.
    files: ["db/constants.ts"],
    rules: restrict([
      {
        regex: "^(?!\\./constants/[\\w-]+$)",
        message:
          "db/constants.ts imports nothing but its parts in db/constants/: the browser, the core and db/ all read it.",
      },
    ]),
  },
  {
    files: ["db/constants/**"],
    ignores: TESTS,
    rules: restrict([
      { regex: ".", message: "db/constants/ imports nothing: the browser, the core and db/ all read it." },
    ]),
  },
  {
    files: CORE,
    ignores: TESTS,
    rules: restrict([
      {
        regex: `^@/(?!db/constants$|${CORE_PATHS})`,
        message: "The core imports nothing of ours but the core and @/db/constants.",
      },
      { regex: "^\\.\\./", message: "The core imports nothing of ours but the core and @/db/constants." },
      drizzle,
      resend,
      twilio,
    ]),
  },
  {
    files: ["db/**"],
    ignores: [...TESTS, "db/constants.ts", "db/constants/**"],
    rules: restrict([
      {
        regex: `^@/(?!db(/|$)|${CORE_PATHS})`,
        message: "db/ imports only db/ and the core (core/): let the service pass results in, or return what changed.",
      },
      { regex: "^(\\.\\./){2,}", message: "db/ imports only db/ and the core." },
      resend,
      twilio,
    ]),
  },
  {
    files: ["components/**"],
    ignores: TESTS,
    rules: restrict([
      // Types of the view models db/queries return are the contract; code from db/ never runs in a component.
      {
        regex: "^@/db(?!/constants$)(/|$)",
        allowTypeImports: true,
        message: "Components never import db/ code (only @/db/constants, and types).",
      },
      drizzle,
      resend,
      twilio,
    ]),
  },
  {
    // The services (verbs, notifications, webhooks, API, feeds) sit under app/ and components/, never on them.
    files: ["services/**"],
    ignores: [...TESTS, ...CORE, "services/mail/**", "services/testing/**", "services/sms/**"],
    rules: restrict([ui, drizzle, resend, twilio]),
  },
  // The SMS sender: sending and checking Twilio's signed webhooks use its SDK.
  { files: ["services/sms/**"], ignores: TESTS, rules: restrict([ui, drizzle, resend]) },
  // The mailer: sending (send.ts) and checking Resend's signed webhooks (webhook-signature.ts) use its SDK.
  { files: ["services/mail/**"], ignores: TESTS, rules: restrict([ui, drizzle, twilio]) },
  { files: ["services/testing/**"], ignores: TESTS, rules: restrict([ui, resend, twilio]) },
  {
    files: ["**/*.{ts,tsx,mts,mjs}"],
    ignores: [...DRIZZLE_ALLOWED, "db/**", "components/**", "core/**", "services/**"],
    rules: restrict([drizzle, resend, twilio]),
  },
];
