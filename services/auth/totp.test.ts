import { describe, expect, it } from "vitest";
import { encode } from "uqr";
import {
  base32Decode,
  base32Encode,
  hotp,
  newRecoveryCodes,
  newTotpSecret,
  otpauthQrSvg,
  otpauthUri,
  totp,
  verifyTotp,
} from "./totp";

// RFC 6238 appendix B, SHA-1: the secret is the ASCII "12345678901234567890"; 8-digit codes.
const RFC_KEY = Buffer.from("12345678901234567890");

describe("TOTP", () => {
  it("matches the RFC 6238 test vectors", () => {
    const vectors: [number, string][] = [
      [59, "94287082"],
      [1111111109, "07081804"],
      [1111111111, "14050471"],
      [1234567890, "89005924"],
      [2000000000, "69279037"],
      [20000000000, "65353130"],
    ];
    for (const [seconds, code] of vectors) expect(hotp(RFC_KEY, Math.floor(seconds / 30), 8)).toBe(code);
  });

  it("matches RFC 4226's HOTP values", () => {
    expect([0, 1, 2, 9].map((c) => hotp(RFC_KEY, c))).toEqual(["755224", "287082", "359152", "520489"]);
  });

  it("round-trips base32 and accepts a code one step either side, no further", () => {
    expect(base32Decode(base32Encode(RFC_KEY))).toEqual(RFC_KEY);
    expect(base32Encode(RFC_KEY)).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    const secret = newTotpSecret();
    const now = Date.UTC(2026, 10, 23, 3, 0, 0);
    const code = totp(secret, now);
    expect(verifyTotp(secret, code, now)).toBe(true);
    expect(verifyTotp(secret, code.slice(0, 3) + " " + code.slice(3), now + 30_000)).toBe(true);
    expect(verifyTotp(secret, code, now + 90_000)).toBe(false);
    expect(verifyTotp(secret, "abcdef", now)).toBe(false);
    expect(verifyTotp(secret, "", now)).toBe(false);
  });

  it("builds an otpauth link and distinct recovery codes", () => {
    expect(otpauthUri("ABC", "ada@example.org", "Example IT")).toBe(
      "otpauth://totp/Example%20IT%3Aada%40example.org?secret=ABC&issuer=Example%20IT&algorithm=SHA1&digits=6&period=30",
    );
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
  });

  it("draws the otpauth link as a QR code: every dark module of the encoded link, black on white", () => {
    const uri = otpauthUri("JBSWY3DPEHPK3PXP", "ada@example.org", "Example IT");
    const svg = otpauthQrSvg(uri);
    expect(svg).toMatch(/^<svg width="216" height="216" aria-hidden="true" xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<rect fill="white"');
    expect(svg).not.toMatch(/<script|on\w+=/i);
    const dark = new Set([...svg.matchAll(/M(\d+),(\d+)h/g)].map(([, x, y]) => `${Number(x) / 4},${Number(y) / 4}`));
    const { data } = encode(uri, { ecc: "M", border: 4 });
    const expected = new Set(data.flatMap((row, y) => row.flatMap((on, x) => (on ? [`${x},${y}`] : []))));
    expect(dark).toEqual(expected);
    expect(otpauthQrSvg(otpauthUri("KRSXG5CTMVRXEZLU", "ada@example.org", "Example IT"))).not.toBe(svg);
  });
});
