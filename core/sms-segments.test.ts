import { describe, expect, it } from "vitest";
import { fitToSegments, smsSegments } from "./sms-segments";

describe("smsSegments", () => {
  it("counts GSM-7 text: 160 in one segment, 153 per segment after that", () => {
    expect(smsSegments("")).toEqual({ encoding: "GSM-7", units: 0, segments: 1 });
    expect(smsSegments("a".repeat(160))).toMatchObject({ encoding: "GSM-7", segments: 1 });
    expect(smsSegments("a".repeat(161))).toMatchObject({ encoding: "GSM-7", segments: 2 });
    expect(smsSegments("a".repeat(306))).toMatchObject({ segments: 2 });
    expect(smsSegments("a".repeat(307))).toMatchObject({ segments: 3 });
  });

  it("counts the extension table's characters (^{}[]~\\|€) as two septets", () => {
    expect(smsSegments("€".repeat(80))).toMatchObject({ encoding: "GSM-7", units: 160, segments: 1 });
    expect(smsSegments("€".repeat(81))).toMatchObject({ encoding: "GSM-7", units: 162, segments: 2 });
    // An escape pair is never split across segments: 152 plain + one € does not fit in 153.
    expect(smsSegments("a".repeat(152) + "€" + "a".repeat(152))).toMatchObject({ segments: 3 });
  });

  it("the GSM alphabet's accented letters stay GSM-7; anything else makes the message UCS-2", () => {
    expect(smsSegments("Störung behoben: é à ñ Ü £ ¥")).toMatchObject({ encoding: "GSM-7" });
    expect(smsSegments("Panne réglée")).toMatchObject({ encoding: "GSM-7" });
    expect(smsSegments("Façade")).toMatchObject({ encoding: "UCS-2" }); // only the capital Ç is GSM-7
    expect(smsSegments("Ausfall – behoben")).toMatchObject({ encoding: "UCS-2" }); // en dash
    expect(smsSegments("ü".repeat(1) + "ł".repeat(69))).toMatchObject({ encoding: "UCS-2", units: 70, segments: 1 });
    expect(smsSegments("ł".repeat(71))).toMatchObject({ encoding: "UCS-2", segments: 2 });
    expect(smsSegments("ł".repeat(134))).toMatchObject({ segments: 2 });
    expect(smsSegments("ł".repeat(135))).toMatchObject({ segments: 3 });
  });

  it("counts UTF-16 code units, so an emoji is two and its pair is never split", () => {
    expect(smsSegments("🔥")).toMatchObject({ encoding: "UCS-2", units: 2, segments: 1 });
    expect(smsSegments("🔥".repeat(35))).toMatchObject({ units: 70, segments: 1 });
    expect(smsSegments("a".repeat(66) + "🔥".repeat(2) + "a")).toMatchObject({ units: 71, segments: 2 });
    // 134 units fit two segments of 67 only when no pair straddles a boundary.
    expect(smsSegments("a".repeat(67) + "🔥" + "a".repeat(65))).toMatchObject({ units: 134, segments: 2 });
    expect(smsSegments("a".repeat(66) + "🔥" + "a".repeat(66))).toMatchObject({ units: 134, segments: 3 });
  });
});

describe("fitToSegments", () => {
  it("leaves a message that fits, and shortens one that does not, keeping the link whole", () => {
    const link = " https://s.example/i/abc";
    expect(fitToSegments("Short", link, 2)).toBe("Short" + link);
    const long = "Word ".repeat(200).trim();
    const fitted = fitToSegments(long, link, 2);
    // "…" is not in GSM-7 (it would make the whole message UCS-2): a GSM-7 message is cut with "...".
    expect(fitted.endsWith("..." + link)).toBe(true);
    expect(smsSegments(fitted).encoding).toBe("GSM-7");
    expect(smsSegments(fitted).segments).toBeLessThanOrEqual(2);
    expect(fitted.length).toBeGreaterThan(250);
  });

  it("shortens UCS-2 text to its own, smaller limit", () => {
    const fitted = fitToSegments("Сбой почты. ".repeat(40), " https://s.example/i/abc", 2);
    expect(smsSegments(fitted)).toMatchObject({ encoding: "UCS-2" });
    expect(smsSegments(fitted).segments).toBeLessThanOrEqual(2);
  });
});
