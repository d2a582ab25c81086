// GET /sign-in/oidc (off to the provider) and GET /sign-in/oidc/callback (back from it): the shared OIDC
// routes (services/oidc/routes.ts) with a viewer session at the end. A refusal ends on /sign-in?error=oidc_….
import { oidcRoutes } from "@/services/oidc/routes";
import { finishOidcSignIn, OIDC_FLOW_COOKIE, startOidcSignIn } from "./oidc";
import { VIEWER_COOKIE } from "./policy";

const routes = oidcRoutes({
  flowPath: "/sign-in/oidc",
  flowCookie: OIDC_FLOW_COOKIE,
  settings: (config) => config.viewerOidc,
  notConfigured: "/sign-in",
  refused: (reason) => `/sign-in?error=oidc_${reason}`,
  start: startOidcSignIn,
  finish: finishOidcSignIn,
  signedIn: (done, now, cookie) => ({
    location: "/",
    cookies: [cookie(VIEWER_COOKIE, done.token, done.expiresAt - now)],
  }),
});

export const getOidcStart = routes.start;
export const getOidcCallback = routes.callback;
