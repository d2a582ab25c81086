// Facts about the incoming request that auth decisions use. Pure: they take the headers.

/**
 * The client's address. Next sets x-forwarded-for from the socket when a request arrives without one; behind
 * a reverse proxy the proxy appends the real client last, so the last entry is the one to trust.
 */
export function clientAddress(headers: Headers): string | null {
  return lastForwarded(headers.get("x-forwarded-for"));
}

/** The last entry of an X-Forwarded-For value (at most 64 characters), or null: the one rule for both servers. */
export function lastForwarded(forwarded: string | null | undefined): string | null {
  const last = forwarded?.split(",").at(-1)?.trim();
  return last ? last.slice(0, 64) : null;
}

/**
 * The X-Forwarded-For the app may believe. A client talking to the server directly could write that header
 * itself and pick its own address for the rate limits, so it is replaced by the socket's address unless a
 * trusted proxy (TRUST_PROXY=true) sits in front and appends the real one.
 */
export function forwardedFor(
  header: string | string[] | undefined,
  socketAddress: string | undefined,
  trustProxy: boolean,
): string {
  const given = Array.isArray(header) ? header.join(", ") : header;
  if (trustProxy && given) return given;
  return socketAddress ?? "unknown";
}

/**
 * A state-changing request from another site: its Origin names a host other than this one. Next refuses
 * such Server Action calls itself; this is the same check in our own code, so no route depends on that.
 */
export function isCrossSite(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (!origin) return false;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  try {
    return !host || new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * isCrossSite for a form on one of our own plain pages: they send Referrer-Policy: no-referrer, so the
 * browser posts their forms with `Origin: null`; Sec-Fetch-Site still says whether the post came from this
 * site, and is trusted only to allow, never to refuse more than isCrossSite does.
 */
export function isCrossSiteForm(headers: Headers): boolean {
  if (headers.get("origin") === "null") return headers.get("sec-fetch-site") !== "same-origin";
  return isCrossSite(headers);
}
