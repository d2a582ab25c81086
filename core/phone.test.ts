import { describe, expect, it } from "vitest";
import { maskPhone, parsePhoneNumber } from "./phone";

describe("parsePhoneNumber", () => {
  it("accepts E.164 and the usual ways of writing it (spaces, dashes, dots, brackets)", () => {
    expect(parsePhoneNumber("+491701234567")).toEqual({ ok: true, e164: "+491701234567" });
    expect(parsePhoneNumber(" +49 (170) 123-45.67 ")).toEqual({ ok: true, e164: "+491701234567" });
    expect(parsePhoneNumber("+1 415 555 2671")).toEqual({ ok: true, e164: "+14155552671" });
  });

  it("refuses what is not E.164, with a reason", () => {
    for (const bad of ["", "0170 1234567", "491701234567", "+0 123 4567", "+12", "+1234567890123456", "+49 170 abc"]) {
      const r = parsePhoneNumber(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/international format/);
    }
  });

  it("refuses short codes, premium-rate and international non-geographic numbers", () => {
    for (const bad of [
      "+1 900 555 0100",
      "+1 976 555 0100",
      "+44 909 879 0000",
      "+49 900 1234567",
      "+49 137 1234567",
      "+33 899 123 456",
      "+882 1234 5678",
      "+979 1234 5678",
    ]) {
      const r = parsePhoneNumber(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/premium|short|cannot receive/);
    }
    const short = parsePhoneNumber("72345");
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.error).toMatch(/short code/);
  });

  it("refuses control characters and absurd lengths before anything else", () => {
    expect(parsePhoneNumber("+4917012\u000034567").ok).toBe(false);
    expect(parsePhoneNumber("+49".padEnd(200, "1")).ok).toBe(false);
  });
});

describe("maskPhone", () => {
  it("shows only the last digits, for logs and the console", () => {
    expect(maskPhone("+491701234567")).toBe("+49•••••••567");
  });
});
