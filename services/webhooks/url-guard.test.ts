import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import {
  checkWebhookUrl,
  classifyAddress,
  MAX_WEBHOOK_URL_LENGTH,
  parseWebhookUrl,
  pinnedLookup,
  type Resolver,
} from "./url-guard";

const resolvesTo =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["::1", "loopback"],
    ["0.0.0.0", "blocked"],
    ["10.1.2.3", "blocked"],
    ["172.16.0.1", "blocked"],
    ["172.31.255.255", "blocked"],
    ["192.168.1.1", "blocked"],
    ["100.64.0.1", "blocked"],
    ["100.127.255.254", "blocked"],
    ["169.254.169.254", "blocked"],
    ["169.254.0.1", "blocked"],
    ["224.0.0.1", "blocked"],
    ["239.255.255.250", "blocked"],
    ["255.255.255.255", "blocked"],
    ["::", "blocked"],
    ["fc00::1", "blocked"],
    ["fd12:3456::1", "blocked"],
    ["fe80::1", "blocked"],
    ["febf::1", "blocked"],
    ["ff02::1", "blocked"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:10.0.0.1", "blocked"],
    ["::ffff:169.254.169.254", "blocked"],
    ["::ffff:a9fe:a9fe", "blocked"],
    ["::ffff:c0a8:0101", "blocked"],
    ["[fe80::1%eth0]", "blocked"],
    ["not an address", "blocked"],
  ])("%s is %s", (address, verdict) => {
    expect(classifyAddress(address)).toBe(verdict);
  });

  it.each([
    "93.184.216.34",
    "8.8.8.8",
    "172.32.0.1",
    "100.128.0.1",
    "172.15.255.255",
    "2606:4700::1111",
    "::ffff:8.8.8.8",
  ])("%s is public", (address) => {
    expect(classifyAddress(address)).toBe("public");
  });
});

describe("parseWebhookUrl", () => {
  it.each([
    ["", "Enter the URL"],
    ["example.com/hook", "full URL"],
    ["ftp://example.com/hook", "Only http:// and https://"],
    ["javascript:alert(1)", "Only http:// and https://"],
    ["file:///etc/passwd", "Only http:// and https://"],
    ["https://user:pw@example.com/hook", "user names and passwords"],
    [`https://example.com/${"a".repeat(MAX_WEBHOOK_URL_LENGTH)}`, "at most"],
  ])("refuses %j", (raw, message) => {
    const r = parseWebhookUrl(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });

  it("accepts http and https URLs", () => {
    expect(parseWebhookUrl(" https://hooks.example.com/x?y=1 ").ok).toBe(true);
    expect(parseWebhookUrl("http://hooks.example.com:8080/").ok).toBe(true);
  });
});

describe("checkWebhookUrl", () => {
  it("refuses a host name that resolves to a private address, or to any private address among public ones", async () => {
    for (const resolver of [
      resolvesTo("10.0.0.5"),
      resolvesTo("93.184.216.34", "192.168.0.10"),
      resolvesTo("::ffff:127.0.0.1"),
      resolvesTo("169.254.169.254"),
    ]) {
      const r = await checkWebhookUrl("https://hooks.example.com/x", { resolver });
      expect(r).toEqual({
        ok: false,
        problem: { code: "urlPrivate" },
        message: expect.stringContaining("private, local or reserved"),
      });
    }
  });

  it("accepts a host name that resolves only to public addresses, and returns them for pinning", async () => {
    const r = await checkWebhookUrl("https://hooks.example.com/x", {
      resolver: resolvesTo("93.184.216.34", "2606:4700::1111"),
    });
    expect(r.ok && r.addresses.map((a) => a.address)).toEqual(["93.184.216.34", "2606:4700::1111"]);
  });

  it("refuses IP-literal hosts in private ranges without asking DNS", async () => {
    const never: Resolver = async () => {
      throw new Error("must not resolve");
    };
    for (const url of [
      "http://127.0.0.1:8080/",
      "http://[::1]/",
      "http://[::ffff:10.0.0.1]/",
      "http://169.254.169.254/latest/meta-data/",
      "http://0.0.0.0/",
    ]) {
      expect((await checkWebhookUrl(url, { resolver: never })).ok).toBe(false);
    }
  });

  it("allows loopback only with the test setting, and never private addresses", async () => {
    expect((await checkWebhookUrl("http://127.0.0.1:9/hook", { allowLoopback: true })).ok).toBe(true);
    expect((await checkWebhookUrl("http://[::1]:9/hook", { allowLoopback: true })).ok).toBe(true);
    expect((await checkWebhookUrl("http://10.0.0.1/hook", { allowLoopback: true })).ok).toBe(false);
    expect((await checkWebhookUrl("http://localhost/hook", { resolver: resolvesTo("127.0.0.1") })).ok).toBe(false);
  });

  it("says so when the host does not resolve", async () => {
    const failing: Resolver = async () => {
      throw Object.assign(new Error("nope"), { code: "ENOTFOUND" });
    };
    expect(await checkWebhookUrl("https://nowhere.invalid/", { resolver: failing })).toEqual({
      ok: false,
      problem: { code: "urlUnresolved", values: { host: "nowhere.invalid" } },
      message: "The host name nowhere.invalid could not be resolved.",
    });
    expect((await checkWebhookUrl("https://empty.example/", { resolver: resolvesTo() })).ok).toBe(false);
  });
});

describe("pinnedLookup", () => {
  it("connects to the checked address whatever the host name says", async () => {
    const server = createServer((_req, res) => res.end("pinned"));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    try {
      const { request } = await import("node:http");
      // "rebinding.invalid" does not resolve at all: the request can only succeed through the pinned address.
      const body = await new Promise<string>((resolve, reject) => {
        const req = request(
          `http://rebinding.invalid:${port}/`,
          { lookup: pinnedLookup([{ address: "127.0.0.1", family: 4 }]), agent: false },
          (res) => {
            let text = "";
            res.on("data", (c) => (text += c));
            res.on("end", () => resolve(text));
          },
        );
        req.on("error", reject);
        req.end();
      });
      expect(body).toBe("pinned");
    } finally {
      server.close();
    }
  });
});

// Item 9: every IPv6 form that carries an IPv4 address is judged as that address (or refused outright). Only
// the guard's decision is tested: IP literals are never resolved or connected to.
describe("IPv6 forms of refused IPv4 addresses", () => {
  const hex = (v4: string) => {
    const [a, b, c, d] = v4.split(".").map(Number);
    return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
  };
  const forms = (v4: string) => {
    const [hi, lo] = hex(v4);
    const xor = (h: string) => (0xffff ^ parseInt(h, 16)).toString(16);
    return {
      compatibleDotted: `::${v4}`,
      compatibleHex: `::${hi}:${lo}`,
      mappedHex: `::ffff:${hi}:${lo}`,
      translated: `::ffff:0:${v4}`,
      translatedHex: `::ffff:0:${hi}:${lo}`,
      nat64: `64:ff9b::${v4}`,
      nat64Hex: `64:ff9b::${hi}:${lo}`,
      sixToFour: `2002:${hi}:${lo}::`,
      sixToFourHost: `2002:${hi}:${lo}:1::1`,
      teredoServer: `2001:0:${hi}:${lo}::`,
      teredoClient: `2001:0:4136:e378:8000:63bf:${xor(hi)}:${xor(lo)}`,
    };
  };
  // One address from each refused IPv4 range, and loopback.
  const refused = [
    "0.1.2.3",
    "10.0.0.1",
    "100.64.0.1",
    "127.0.0.1",
    "127.1.2.3",
    "169.254.169.254",
    "172.16.0.1",
    "192.0.0.1",
    "192.0.2.1",
    "192.168.1.1",
    "198.18.0.1",
    "198.51.100.1",
    "203.0.113.1",
    "224.0.0.1",
    "240.0.0.1",
    "255.255.255.255",
  ];

  for (const v4 of refused) {
    it.each(Object.entries(forms(v4)))(`${v4} as %s (%s) is refused`, (form, address) => {
      // The mapped form of 127/8 is real loopback (allowed only with WEBHOOKS_ALLOW_LOOPBACK); the rest never.
      expect(classifyAddress(address)).toBe(form === "mappedHex" && v4.startsWith("127.") ? "loopback" : "blocked");
    });
  }

  it("the URLs from the report are refused, also where test receivers may use loopback", async () => {
    for (const url of [
      "http://[::127.0.0.1]/",
      "http://[::7f00:1]/",
      "http://[::ffff:0:7f00:1]/",
      "http://[2002:7f00:1::]/",
      "http://[2001:0:7f00:1::]/",
      "http://[64:ff9b::7f00:1]/",
      "http://[::ffff:0:a9fe:a9fe]/latest/meta-data/",
      "http://[2002:a9fe:a9fe::1]/",
    ]) {
      for (const allowLoopback of [false, true]) {
        const resolver: Resolver = async () => {
          throw new Error(`an IP literal must not be resolved: ${url}`);
        };
        expect(
          await checkWebhookUrl(url, { allowLoopback, resolver }),
          `${url} allowLoopback=${allowLoopback}`,
        ).toMatchObject({ ok: false, problem: { code: "urlPrivate" } });
      }
    }
  });

  it("the same forms of a public IPv4 address stay public, except the deprecated and Teredo ones", () => {
    const f = forms("93.184.216.34");
    for (const address of [
      f.mappedHex,
      f.translated,
      f.translatedHex,
      f.nat64,
      f.nat64Hex,
      f.sixToFour,
      f.sixToFourHost,
    ]) {
      expect(classifyAddress(address), address).toBe("public");
    }
    for (const address of [f.compatibleDotted, f.compatibleHex, f.teredoServer, f.teredoClient]) {
      expect(classifyAddress(address), address).toBe("blocked");
    }
  });

  it("mapped loopback is still loopback (a dual-stack socket reaches 127.0.0.1); ::1 and :: keep their verdicts", () => {
    expect(classifyAddress("::ffff:7f00:1")).toBe("loopback");
    expect(classifyAddress("::1")).toBe("loopback");
    expect(classifyAddress("0:0:0:0:0:0:0:1")).toBe("loopback");
    expect(classifyAddress("::")).toBe("blocked");
    expect(classifyAddress("2606:4700:4700::1111")).toBe("public");
  });
});
