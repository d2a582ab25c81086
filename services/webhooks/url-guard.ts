// The SSRF guard for webhook URLs: only http(s), and never a host that resolves to an address inside our own
// network (loopback, private, link-local incl. cloud metadata, CGNAT, multicast, unspecified, and every IPv6
// form that embeds such an IPv4 address: mapped, translated, NAT64, 6to4; IPv4-compatible and Teredo outright).
// Checked when a webhook is registered AND when each request is sent: a delivery connects to the very address
// it checked (a custom `lookup`), so a DNS answer that changes in between (rebinding) cannot slip a private
// address past the check.
import { lookup as dnsLookup } from "node:dns";
import { BlockList, isIP } from "node:net";
import type { LookupFunction } from "node:net";
import { textCharacterPosition } from "@/core/text-input";
import { problemText, signupProblem, type SignupProblem, type SignupProblemCode } from "@/core/signup-problems";

export const MAX_WEBHOOK_URL_LENGTH = 2000;

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (injected in tests). */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) => {
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => {
      if (err) reject(err);
      else resolve(addresses.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 })));
    });
  });

export interface GuardOptions {
  resolver?: Resolver;
  /** WEBHOOKS_ALLOW_LOOPBACK: lets the test receivers on 127.0.0.1 / ::1 through. Never in production. */
  allowLoopback?: boolean;
}

const blocked = new BlockList();
// IPv4: "this network", private (RFC 1918), CGNAT, loopback, link-local (incl. 169.254.169.254 metadata),
// IETF protocol assignments, the documentation nets, benchmarking, multicast, reserved and broadcast.
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(net, prefix, "ipv4");
}
// IPv6: unspecified, local-use NAT64 (the well-known 64:ff9b::/96 is decoded below), discard, documentation,
// unique local (fc00::/7), link-local (fe80::/10), site-local (deprecated), multicast.
for (const [net, prefix] of [
  ["::", 128],
  ["64:ff9b:1::", 48],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const) {
  blocked.addSubnet(net, prefix, "ipv6");
}
const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

/** The eight 16-bit groups of a valid IPv6 address (zone already removed), "::" and a dotted tail expanded. */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const parse = (part: string | undefined) => (part ? part.split(":").map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  return tail === undefined ? left : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

const ipv4Of = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/**
 * How an IPv6 address carries an IPv4 one, if it does. Each such form can reach (or be translated to) that
 * IPv4 address, so it is judged as that address:
 *   mapped ::ffff:a.b.c.d (a dual-stack socket connects to the IPv4 address itself),
 *   translated ::ffff:0:a.b.c.d (SIIT), NAT64 64:ff9b::a.b.c.d, and 6to4 2002:AABB:CCDD::/48.
 * IPv4-compatible ::a.b.c.d (deprecated by RFC 4291) and Teredo 2001::/32 (both its server and its
 * obfuscated client address are IPv4) are refused outright instead of decoded.
 */
function embeddedIpv4(
  g: number[],
): { form: "mapped" | "translated" | "nat64" | "6to4"; ipv4: string } | "refuse" | null {
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && g[5] === 0xffff) return { form: "mapped", ipv4: ipv4Of(g[6], g[7]) };
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) return { form: "translated", ipv4: ipv4Of(g[6], g[7]) };
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return { form: "nat64", ipv4: ipv4Of(g[6], g[7]) };
  if (g[0] === 0x2002) return { form: "6to4", ipv4: ipv4Of(g[1], g[2]) };
  if (g[0] === 0x2001 && g[1] === 0) return "refuse";
  // ::/96 except :: and ::1 themselves (judged below as IPv6 addresses).
  if (zeros(0, 6) && (g[6] !== 0 || g[7] > 1)) return "refuse";
  return null;
}

export type AddressVerdict = "public" | "loopback" | "blocked";

/** Whether an address is on the public internet. Invalid input is "blocked". */
export function classifyAddress(address: string): AddressVerdict {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 0) return "blocked";
  if (family === 6) {
    const embedded = embeddedIpv4(ipv6Groups(bare));
    if (embedded === "refuse") return "blocked";
    if (embedded) {
      const verdict = classifyAddress(embedded.ipv4);
      // Only the mapped form really connects to 127.0.0.0/8; the others would leave the machine.
      return verdict === "loopback" && embedded.form !== "mapped" ? "blocked" : verdict;
    }
    if (loopback.check(bare, "ipv6")) return "loopback";
    return blocked.check(bare, "ipv6") ? "blocked" : "public";
  }
  if (loopback.check(bare, "ipv4")) return "loopback";
  return blocked.check(bare, "ipv4") ? "blocked" : "public";
}

function allowed(verdict: AddressVerdict, options: GuardOptions): boolean {
  return verdict === "public" || (verdict === "loopback" && options.allowLoopback === true);
}

/** Refused: `problem` for the reader's language (the public forms), `message` the same in English. */
export type UrlRefusal = { ok: false; problem: SignupProblem; message: string };
export type UrlCheck = { ok: true; url: URL; addresses: ResolvedAddress[] } | UrlRefusal;

function refused(code: SignupProblemCode, values?: SignupProblem["values"]): UrlRefusal {
  const problem = signupProblem(code, values);
  return { ok: false, problem, message: problemText(problem) };
}

/** Only the syntax: an absolute http(s) URL without credentials, of a sane length. */
export function parseWebhookUrl(raw: string): { ok: true; url: URL } | UrlRefusal {
  const value = raw.trim();
  if (value === "") return refused("urlEmpty");
  if (value.length > MAX_WEBHOOK_URL_LENGTH) return refused("urlTooLong", { max: MAX_WEBHOOK_URL_LENGTH });
  // Before parsing: the URL parser silently drops tabs and newlines, so "exa\nmple.com" would pass as another host.
  const at = textCharacterPosition(value, false);
  if (at !== null) return refused("urlCharacter", { at });
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return refused("urlInvalid");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return refused("urlScheme");
  if (url.username || url.password) return refused("urlCredentials");
  if (!url.hostname) return refused("urlNoHost");
  return { ok: true, url };
}

/** Parses the URL, resolves its host to all its addresses and refuses it if any of them is not public. */
export async function checkWebhookUrl(raw: string, options: GuardOptions = {}): Promise<UrlCheck> {
  const parsed = parseWebhookUrl(raw);
  if (!parsed.ok) return parsed;
  const host = parsed.url.hostname.replace(/^\[|\]$/g, "");
  let addresses: ResolvedAddress[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await (options.resolver ?? systemResolver)(host);
    } catch {
      return refused("urlUnresolved", { host });
    }
    if (addresses.length === 0) return refused("urlUnresolved", { host });
  }
  if (!addresses.every((a) => allowed(classifyAddress(a.address), options))) return refused("urlPrivate");
  return { ok: true, url: parsed.url, addresses };
}

/**
 * A `lookup` for http.request that answers only with the addresses already checked, so the connection goes
 * to one of them whatever DNS says by then.
 */
export function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const wanted = typeof options === "object" && options ? (options as { family?: number; all?: boolean }) : {};
    const usable =
      wanted.family === 4 || wanted.family === 6 ? addresses.filter((a) => a.family === wanted.family) : addresses;
    if (usable.length === 0) {
      callback(Object.assign(new Error("No checked address for this host"), { code: "ENOTFOUND" }), "", 0);
      return;
    }
    if (wanted.all) (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, usable);
    else callback(null, usable[0].address, usable[0].family);
  };
}
