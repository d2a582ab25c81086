// The page cache's question (server.ts): which audience's copy may this request have? The page row (its
// visibility and allow-list) is read once per public content version, so a viewer's request costs one session
// lookup more than the public page, and a public page's request costs nothing at all.
import type { IncomingHttpHeaders } from "node:http";
import type { Db } from "@/db";
import type { Audience } from "@/db/constants";
import { getPage } from "@/db/queries/status-page";
import type { Page } from "@/db/schema";
import { resolveAudienceFor } from "./access";
import { VIEWER_COOKIE } from "./policy";

const COOKIE = new RegExp(`(?:^|;\\s*)${VIEWER_COOKIE}=([^;]{1,200})`);

export class AudienceGate {
  private page: Page | undefined;
  private version = Number.NaN;

  constructor(private readonly db: () => Db) {}

  /** "refused" for the public on a private page: Next answers it (a redirect to sign in, or a 401). */
  decide(version: number, headers: IncomingHttpHeaders, url: string, ip: () => string | null): Audience | "refused" {
    if (version !== this.version || version < 0) {
      // While the database cannot be read the last row read stands, like the cached pages themselves.
      try {
        this.page = getPage(this.db());
        this.version = version;
      } catch (err) {
        if (!this.page) throw err;
      }
    }
    if (!this.page || this.page.visibility === "public") return "public";
    const cookie = COOKIE.exec(String(headers.cookie ?? ""))?.[1];
    const auth = /^Bearer\s+(\S{1,200})$/i.exec(String(headers.authorization ?? ""))?.[1];
    const query = url.includes("viewer_token=") ? new URL(url, "http://x").searchParams.get("viewer_token") : null;
    const resolved = resolveAudienceFor(this.db(), this.page, {
      session: cookie ? decodeURIComponent(cookie) : null,
      token: auth ?? query,
      ip: ip(),
    });
    return resolved.access === "refused" ? "refused" : resolved.audience;
  }
}
