// Who sees what (issue #15). The one place that decides what an audience may see of the page: the db/
// queries ask hiddenFrom() and leave out what it names, so every public artefact (pages, API v2, feeds,
// calendar, badge, embed, notifications of public subscribers) follows the same rule.
//   - A public page shows everything to everyone; the per-service flags only matter on a mixed page.
//   - A private page refuses the public audience altogether (the caller redirects or answers 401).
//   - On a mixed page a service is internal when it or its group is; an incident or maintenance is internal
//     when every service it touches is internal (one touching nothing is public: it is about everyone).
import { isIP } from "node:net";
import { VIEWER_LIMITS, type Audience, type ItemVisibility, type PageVisibility } from "@/db/constants";

export type PageAccess = "everything" | "public-part" | "refused";

export function pageAccess(page: PageVisibility, audience: Audience): PageAccess {
  if (audience === "internal" || page === "public") return "everything";
  return page === "private" ? "refused" : "public-part";
}

export function effectiveVisibility(
  item: { visibility: ItemVisibility },
  group: { visibility: ItemVisibility } | undefined,
): ItemVisibility {
  return item.visibility === "internal" || group?.visibility === "internal" ? "internal" : "public";
}

export function incidentVisibility(touched: readonly ItemVisibility[]): ItemVisibility {
  return touched.length > 0 && touched.every((v) => v === "internal") ? "internal" : "public";
}

export interface Hidden {
  groupIds: ReadonlySet<string>;
  componentIds: ReadonlySet<string>;
  incidentIds: ReadonlySet<string>;
}

export const NOTHING_HIDDEN: Hidden = { groupIds: new Set(), componentIds: new Set(), incidentIds: new Set() };

export interface VisibilityInput {
  groups: readonly { id: string; visibility: ItemVisibility }[];
  components: readonly { id: string; groupId: string | null; visibility: ItemVisibility }[];
  /** Which services each incident or maintenance touches. */
  links: readonly { incidentId: string; componentId: string }[];
}

/** What `audience` may not see of a page with this visibility. A refused audience is the caller's to stop. */
export function hiddenFrom(page: PageVisibility, audience: Audience, input: VisibilityInput): Hidden {
  if (pageAccess(page, audience) === "everything") return NOTHING_HIDDEN;
  const groups = new Map(input.groups.map((g) => [g.id, g]));
  const visibility = new Map(
    input.components.map((c) => [c.id, effectiveVisibility(c, c.groupId ? groups.get(c.groupId) : undefined)]),
  );
  const touched = new Map<string, ItemVisibility[]>();
  for (const link of input.links) {
    const list = touched.get(link.incidentId) ?? [];
    list.push(visibility.get(link.componentId) ?? "public");
    touched.set(link.incidentId, list);
  }
  return {
    groupIds: new Set(input.groups.filter((g) => g.visibility === "internal").map((g) => g.id)),
    componentIds: new Set([...visibility].filter(([, v]) => v === "internal").map(([id]) => id)),
    incidentIds: new Set([...touched].filter(([, v]) => incidentVisibility(v) === "internal").map(([id]) => id)),
  };
}

// ---------------------------------------------------------------- lists typed in the console

export interface ParsedList {
  entries: string[];
  errors: { line: number; message: string }[];
}

function parseLines(text: string, parseOne: (entry: string) => string | { error: string }): ParsedList {
  const result: ParsedList = { entries: [], errors: [] };
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const entry = raw.trim();
    if (!entry) return;
    const parsed = parseOne(entry);
    if (typeof parsed === "string") {
      if (!result.entries.includes(parsed)) result.entries.push(parsed);
    } else result.errors.push({ line: i + 1, message: `Line ${i + 1}: ${parsed.error}` });
  });
  if (result.entries.length > VIEWER_LIMITS.listEntries)
    result.errors.unshift({ line: 0, message: `At most ${VIEWER_LIMITS.listEntries} entries.` });
  return result;
}

/** One CIDR range per line; a bare address is a range of one. Written back in a canonical form. */
export function parseCidrList(text: string): ParsedList {
  return parseLines(text, (entry) => {
    const [address, prefixText, extra] = entry.split("/");
    const family = isIP(address ?? "");
    const shown = entry.slice(0, 60);
    if (extra !== undefined || family === 0) return { error: `"${shown}" is not an IP address or CIDR range.` };
    const max = family === 4 ? 32 : 128;
    if (prefixText === undefined) return `${address}/${max}`;
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max)
      return { error: `"${shown}" has a prefix length outside 0-${max}.` };
    return `${address}/${Number(prefixText)}`;
  });
}

/** Whether an address (as TRUST_PROXY decided it) is in one of the ranges. */
export function ipAllowed(address: string | null | undefined, cidrs: readonly string[]): boolean {
  if (!address || cidrs.length === 0) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1] : address;
  const family = isIP(ip);
  if (family === 0) return false;
  const bytes = bytesOf(ip, family);
  // As BlockList does, an IPv6 range also holds the IPv4 addresses whose mapped form (::ffff:a.b.c.d) it holds.
  const mappedBytes = family === 4 ? [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...bytes] : null;
  return rangesOf(cidrs).some((r) =>
    r.family === family ? inRange(bytes, r) : mappedBytes !== null && inRange(mappedBytes, r),
  );
}

// Matched here rather than with node:net's BlockList: its check() costs about 6 us (building it, another 30),
// more than serving a cached page, and the page cache asks this on every anonymous request of a mixed page with
// an allow-list. core/audience.test.ts checks the answers against BlockList's.
interface Range {
  family: number;
  bytes: number[];
  prefix: number;
}

let lastRanges: { key: string; ranges: Range[] } | undefined;

function rangesOf(cidrs: readonly string[]): Range[] {
  const key = cidrs.join("\n");
  if (lastRanges?.key === key) return lastRanges.ranges;
  const ranges: Range[] = [];
  for (const cidr of cidrs) {
    const [net, prefix] = cidr.split("/");
    const family = isIP(net);
    if (family !== 0) ranges.push({ family, bytes: bytesOf(net, family), prefix: Number(prefix) });
  }
  lastRanges = { key, ranges };
  return ranges;
}

/** The address's bytes (4 or 16); `ip` has passed isIP. */
function bytesOf(ip: string, family: number): number[] {
  if (family === 4) return ip.split(".").map(Number);
  let text = ip.split("%")[0];
  let v4: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    v4 = dotted[1].split(".").map(Number);
    text = text.slice(0, -dotted[1].length);
    if (text.endsWith(":") && !text.endsWith("::")) text = text.slice(0, -1);
  }
  const [head, tail] = text.split("::");
  const groups = (part: string | undefined) => (part ? part.split(":").map((g) => parseInt(g, 16)) : []);
  const before = groups(head);
  const after = groups(tail);
  const missing = 8 - v4.length / 2 - before.length - after.length;
  const all = [...before, ...Array<number>(tail === undefined ? 0 : missing).fill(0), ...after];
  return [...all.flatMap((g) => [g >> 8, g & 0xff]), ...v4];
}

function inRange(bytes: number[], range: Range): boolean {
  for (let i = 0, bits = range.prefix; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((bytes[i] & mask) !== (range.bytes[i] & mask)) return false;
  }
  return true;
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** One email domain per line ("example.com" or "@example.com"), lower-cased. */
export function parseDomainList(text: string): ParsedList {
  return parseLines(text, (entry) => {
    const domain = entry.replace(/^@/, "").toLowerCase();
    return DOMAIN.test(domain) ? domain : { error: `"${entry.slice(0, 60)}" is not an email domain.` };
  });
}

/** The address's domain is exactly one of the listed domains (a subdomain is a different organisation). */
export function emailDomainAllowed(email: string, domains: readonly string[]): boolean {
  const at = email.lastIndexOf("@");
  if (at < 1) return false;
  return domains.includes(email.slice(at + 1).toLowerCase());
}

/** The stored one-per-line lists as arrays (the console validated them on save). */
export const listOf = (stored: string | null | undefined): string[] =>
  (stored ?? "")
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * The audience a new email subscription gets. Asking from the internal page is not enough on its own: anyone
 * on an allowed network could otherwise have internal incident names mailed to an outside address. When the
 * page names its email domains, only an address of one of them becomes internal; any other address still
 * subscribes, to the public part. With no domains named, the admin trusts the network (documented).
 */
export function subscriptionAudience(
  asked: Audience,
  email: string,
  storedDomains: string | null | undefined,
): Audience {
  if (asked !== "internal") return "public";
  const domains = listOf(storedDomains);
  return domains.length === 0 || emailDomainAllowed(email, domains) ? "internal" : "public";
}

/** What decides, at fan-out, whether internal sign-up is still open to an address (the page's row and config). */
export interface InternalRule {
  viewerEmailDomains: string | null | undefined;
  viewerIpAllowlist: string | null | undefined;
  /** Whether viewer OIDC sign-in is configured (VIEWER_OIDC_*). */
  viewerOidc: boolean;
}

/**
 * Whether a subscriber still hears what is hidden from the public: the sign-up rule (subscriptionAudience)
 * applied again at fan-out, to the page as it is now. An internal subscriber whose domain was taken off the list
 * hears only the public part, as the same address signing up today would; with no domains named, the network or
 * provider trusted at sign-up must still exist (with neither, nobody could sign up as internal today).
 */
export function stillInternal(subscriber: { audience: Audience; email: string | null }, rule: InternalRule): boolean {
  if (subscriber.audience !== "internal" || !subscriber.email) return false;
  if (subscriptionAudience("internal", subscriber.email, rule.viewerEmailDomains) !== "internal") return false;
  return listOf(rule.viewerEmailDomains).length > 0 || listOf(rule.viewerIpAllowlist).length > 0 || rule.viewerOidc;
}
