import { describe, expect, it } from "vitest";
import { growthVerdict, outageVerdict, targetVerdict } from "./verdict";

describe("bench:page verdicts", () => {
  it("passes a target within every bound and names each bound missed", () => {
    expect(targetVerdict({ throughputRatio: 0.75, cpuRatio: 1.35, errors: 0, queries: 0 })).toBe("pass");
    expect(targetVerdict({ throughputRatio: 0.7, cpuRatio: 1.4, errors: 2, queries: 1 })).toBe(
      "FAIL: throughput 0.70 < 0.75; CPU 1.40x > 1.35x; 2 errors; 1 queries",
    );
    expect(targetVerdict({ throughputRatio: NaN, cpuRatio: 1, errors: 0, queries: undefined })).toMatch(
      /^FAIL: throughput NaN < 0.75; queries not measured$/,
    );
  });

  it("judges the outage by p99, errors and the slowest commit -> visible", () => {
    expect(outageVerdict({ p99Ms: 49.9, errors: 0, visibleMs: [120, 999] })).toBe("pass");
    expect(outageVerdict({ p99Ms: 132, errors: 0, visibleMs: [1000] })).toBe(
      "FAIL: p99 132.0 ms >= 50 ms; commit -> visible max 1000 ms >= 1000 ms",
    );
    expect(outageVerdict({ p99Ms: 10, errors: 0, visibleMs: [] })).toBe("FAIL: no commit measured");
  });

  it("judges growth by the page weight at 300 services", () => {
    expect(
      growthVerdict([
        { services: 300, brotliKb: 24.3 },
        { services: 1000, brotliKb: 61 },
      ]),
    ).toBe("pass");
    expect(growthVerdict([{ services: 300, brotliKb: 60 }])).toMatch(/^FAIL: .*60\.0 KB/);
    expect(growthVerdict([{ services: 60, brotliKb: 10 }])).toBe("FAIL: no row at 300 services");
  });
});
