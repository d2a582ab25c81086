import { BlockList, isIP } from "node:net";
import { describe, expect, it } from "vitest";
import {
  effectiveVisibility,
  hiddenFrom,
  incidentVisibility,
  ipAllowed,
  pageAccess,
  parseCidrList,
  parseDomainList,
  emailDomainAllowed,
  subscriptionAudience,
} from "./audience";

describe("who sees what", () => {
  it("a public page shows everything to everyone; flags are ignored", () => {
    expect(pageAccess("public", "public")).toBe("everything");
    expect(pageAccess("public", "internal")).toBe("everything");
  });
  it("a mixed page shows the public part to the public and everything to viewers", () => {
    expect(pageAccess("mixed", "public")).toBe("public-part");
    expect(pageAccess("mixed", "internal")).toBe("everything");
  });
  it("a private page refuses the public", () => {
    expect(pageAccess("private", "public")).toBe("refused");
    expect(pageAccess("private", "internal")).toBe("everything");
  });
  it("a service in an internal group is internal", () => {
    expect(effectiveVisibility({ visibility: "public" }, { visibility: "internal" })).toBe("internal");
    expect(effectiveVisibility({ visibility: "internal" }, undefined)).toBe("internal");
    expect(effectiveVisibility({ visibility: "public" }, { visibility: "public" })).toBe("public");
  });
  it("an incident is internal only when every service it touches is internal", () => {
    expect(incidentVisibility(["internal", "internal"])).toBe("internal");
    expect(incidentVisibility(["internal", "public"])).toBe("public");
    expect(incidentVisibility([])).toBe("public");
  });
  it("lists what the public may not see on a mixed page", () => {
    const input = {
      groups: [{ id: "g1", visibility: "internal" as const }],
      components: [
        { id: "c1", groupId: "g1", visibility: "public" as const },
        { id: "c2", groupId: null, visibility: "internal" as const },
        { id: "c3", groupId: null, visibility: "public" as const },
      ],
      links: [
        { incidentId: "i1", componentId: "c1" },
        { incidentId: "i1", componentId: "c2" },
        { incidentId: "i2", componentId: "c2" },
        { incidentId: "i2", componentId: "c3" },
      ],
    };
    const hidden = hiddenFrom("mixed", "public", input);
    expect([...hidden.groupIds]).toEqual(["g1"]);
    expect([...hidden.componentIds].sort()).toEqual(["c1", "c2"]);
    expect([...hidden.incidentIds]).toEqual(["i1"]);
    expect(hiddenFrom("mixed", "internal", input).componentIds.size).toBe(0);
    expect(hiddenFrom("public", "public", input).incidentIds.size).toBe(0);
  });
});

describe("IP allow-list", () => {
  it("parses IPv4 and IPv6 ranges and bare addresses", () => {
    const parsed = parseCidrList("10.0.0.0/8\n 192.168.1.7 \n2001:db8::/32\n\n");
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries).toEqual(["10.0.0.0/8", "192.168.1.7/32", "2001:db8::/32"]);
  });
  it("names every line that is not a CIDR range", () => {
    const parsed = parseCidrList("10.0.0.0/8\nnot-an-ip\n10.0.0.0/33\n300.1.1.1/8\nfe80::/129");
    expect(parsed.errors.map((e) => e.line)).toEqual([2, 3, 4, 5]);
    expect(parsed.errors[0].message).toMatch(/not-an-ip/);
  });
  it("refuses too many entries", () => {
    const many = Array.from({ length: 51 }, (_, i) => `10.0.${i}.0/24`).join("\n");
    expect(parseCidrList(many).errors[0].message).toMatch(/at most 50/i);
  });
  it("matches addresses, including IPv4 written as IPv6", () => {
    const list = ["10.0.0.0/8", "2001:db8::/32"];
    expect(ipAllowed("10.1.2.3", list)).toBe(true);
    expect(ipAllowed("::ffff:10.1.2.3", list)).toBe(true);
    expect(ipAllowed("2001:db8::1", list)).toBe(true);
    expect(ipAllowed("11.0.0.1", list)).toBe(false);
    expect(ipAllowed("unknown", list)).toBe(false);
    expect(ipAllowed(null, list)).toBe(false);
    expect(ipAllowed("10.1.2.3", [])).toBe(false);
  });
  it("decides as Node's BlockList does, for IPv4 and every way of writing IPv6", () => {
    const list = ["10.0.0.0/8", "192.168.1.0/24", "172.16.5.4/32", "0.0.0.0/0", "2001:db8::/32", "fe80::/10"];
    const addresses = [
      "10.255.255.255",
      "11.0.0.0",
      "192.168.1.77",
      "192.168.2.1",
      "172.16.5.4",
      "172.16.5.5",
      "2001:db8::1",
      "2001:db9::1",
      "2001:0db8:0000:0000:0000:0000:0000:0001",
      "fe80::1",
      "febf:ffff::",
      "fec0::",
      "::",
      "::1",
      "::ffff:192.168.1.9",
      "1:2:3:4:5:6:7:8",
      "64:ff9b::10.0.0.1",
      "2001:db8:1::10.0.0.1",
    ];
    for (const cidrs of [list, list.filter((c) => c !== "0.0.0.0/0"), ["::/0"], ["2001:db8:8000::/33"]]) {
      const oracle = new BlockList();
      for (const c of cidrs) {
        const [net, prefix] = c.split("/");
        oracle.addSubnet(net, Number(prefix), isIP(net) === 4 ? "ipv4" : "ipv6");
      }
      for (const a of addresses) {
        const plain = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a)?.[1] ?? a;
        const expected = oracle.check(plain, isIP(plain) === 4 ? "ipv4" : "ipv6");
        expect(ipAllowed(a, cidrs), `${a} in ${cidrs.join(",")}`).toBe(expected);
      }
    }
  });
  it("decides by the list it is given, when the list changes between requests (the parsed list is kept)", () => {
    expect(ipAllowed("10.1.2.3", ["10.0.0.0/8"])).toBe(true);
    expect(ipAllowed("10.1.2.3", ["192.168.0.0/16"])).toBe(false);
    expect(ipAllowed("192.168.1.1", ["192.168.0.0/16"])).toBe(true);
    expect(ipAllowed("10.1.2.3", ["10.0.0.0/8"])).toBe(true);
    expect(ipAllowed("10.1.2.3", ["10.0.0.0/8", "192.168.0.0/16"])).toBe(true);
  });
});

describe("email domains", () => {
  it("parses, lower-cases and validates domains", () => {
    expect(parseDomainList("Example.com\n@corp.example.org\n").entries).toEqual(["example.com", "corp.example.org"]);
    expect(parseDomainList("exa mple.com").errors[0].line).toBe(1);
  });
  it("allows exactly the listed domains (no suffix tricks)", () => {
    const domains = ["example.com"];
    expect(emailDomainAllowed("Ann@Example.com", domains)).toBe(true);
    expect(emailDomainAllowed("ann@evilexample.com", domains)).toBe(false);
    expect(emailDomainAllowed("ann@example.com.evil.org", domains)).toBe(false);
    expect(emailDomainAllowed("ann@sub.example.com", domains)).toBe(false);
    expect(emailDomainAllowed("no-at-sign", domains)).toBe(false);
  });
});

describe("the audience of a new email subscription", () => {
  it("is internal only for an address of the page's email domains, when it names any", () => {
    expect(subscriptionAudience("internal", "ana@example.org", "example.org")).toBe("internal");
    expect(subscriptionAudience("internal", "ana@elsewhere.net", "example.org")).toBe("public");
    expect(subscriptionAudience("internal", "ana@sub.example.org", "example.org")).toBe("public");
  });
  it("trusts the network when no domains are named, and is never internal for a public visitor", () => {
    expect(subscriptionAudience("internal", "ana@elsewhere.net", null)).toBe("internal");
    expect(subscriptionAudience("public", "ana@example.org", "example.org")).toBe("public");
  });
});
