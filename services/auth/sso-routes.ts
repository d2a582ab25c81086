// GET /login/sso (off to the provider) and GET /login/sso/callback (back from it), for the console: the shared
// OIDC routes (services/oidc/routes.ts) with a console session at the end. A refusal ends on /login?sso=….
import { oidcRoutes } from "@/services/oidc/routes";
import { SESSION_COOKIE } from "./policy";
import { CONSOLE_SSO_COOKIE, finishConsoleSso, startConsoleSso } from "./sso";

const routes = oidcRoutes({
  flowPath: "/login/sso",
  flowCookie: CONSOLE_SSO_COOKIE,
  settings: (config) => config.consoleOidc,
  notConfigured: "/login?sso=not_configured",
  refused: (reason) => `/login?sso=${reason}`,
  start: startConsoleSso,
  finish: finishConsoleSso,
  signedIn: (done, now, cookie) => ({
    location: done.pendingTwoFactor ? "/login/two-factor" : "/admin",
    cookies: [cookie(SESSION_COOKIE, done.token, done.expiresAt - now)],
  }),
});

export const getConsoleSsoStart = routes.start;
export const getConsoleSsoCallback = routes.callback;
