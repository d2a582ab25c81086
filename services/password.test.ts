import { describe, expect, it } from "vitest";
import { generatePassword, hashPassword, verifyPassword } from "./password";

describe("passwords", () => {
  it("hashes with scrypt at N=2^17, r=8, p=1 and a random salt", async () => {
    const a = await hashPassword("s3cret password");
    const b = await hashPassword("s3cret password");
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("s3cret password", a)).toBe(true);
    expect(await verifyPassword("s3cret passwore", a)).toBe(false);
  }, 20_000);

  it("rejects malformed stored hashes instead of throwing", async () => {
    expect(await verifyPassword("x", "")).toBe(false);
    expect(await verifyPassword("x", "bcrypt$whatever")).toBe(false);
  });

  it("generates distinct 24-character passwords", () => {
    const seen = new Set(Array.from({ length: 50 }, generatePassword));
    expect(seen.size).toBe(50);
    for (const p of seen) expect(p).toMatch(/^[A-HJ-NP-Za-km-z2-9]{24}$/);
  });
});
