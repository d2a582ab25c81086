// How long a viewer stays signed in, and the cookie that carries it. Separate from the console's session
// (services/auth/policy.ts): a viewer is not a team member, and their cookie opens nothing in the console.
import { DAY, HOUR, MINUTE } from "@/core/time";

export const VIEWER_COOKIE = "viewer_session";
export const VIEWER_IDLE_TIMEOUT = 8 * HOUR;
export const VIEWER_ABSOLUTE_TIMEOUT = 14 * DAY;
export const VIEWER_TOUCH_INTERVAL = MINUTE;
/**
 * The in-process cache of live sessions and tokens (live-cache.ts): how many of each it keeps, and for how long
 * a sign-out or revocation in another process can go unseen here.
 */
export const VIEWER_CACHE_LIMITS = { sessions: 5000, tokens: 500, ttlMs: 5_000 } as const;
export const VIEWER_LINK_LIFETIME = 15 * MINUTE;
/** Sign-in links asked for per hour: for one address, and from one client address. */
export const VIEWER_LINK_LIMITS = { perEmail: 3, perAddress: 10 } as const;
/** The answer to a link request never comes sooner than this, so an allowed domain costs no visible time. */
export const VIEWER_LINK_ANSWER_FLOOR_MS = 300;
/** Machines send their viewer token as `Authorization: Bearer <token>` or `?viewer_token=<token>` (feed readers). */
export const VIEWER_TOKEN_PARAM = "viewer_token";
export const VIEWER_TOKEN_PREFIX = "spv_";
/** The page cache's render requests name the audience they render for, signed with STATUS_RENDER_KEY. */
export const RENDER_AUDIENCE_HEADER = "x-status-render-audience";
export const RENDER_KEY_HEADER = "x-status-render-key";

export function viewerCookieOptions(expiresAt: number, secure: boolean) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure,
    path: "/",
    expires: new Date(expiresAt),
  };
}

/** The 401 of a private page's API, feeds, calendar and badge to a request without a viewer. */
export const PRIVATE_PAGE_ERROR =
  "This status page is private: sign in as a viewer, or send a viewer token (Authorization: Bearer <token>)";
