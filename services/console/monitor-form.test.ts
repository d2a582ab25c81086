import { describe, expect, it } from "vitest";
import { parseMonitorForm } from "./monitor-form";

const form = (entries: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.set(k, v);
  return f;
};

describe("the console's monitor form", () => {
  it("decodes an HTTP monitor: numbers, checkboxes, status code list", () => {
    const out = parseMonitorForm(
      form({
        kind: "http",
        name: "Intranet",
        intervalSeconds: "30",
        url: "http://127.0.0.1:3194/",
        expectedStatus: "200, 204",
        followRedirects: "on",
        verifyTls: "on",
        incidentMode: "draft",
        componentId: "",
      }),
    );
    expect(out).toEqual({
      ok: true,
      input: expect.objectContaining({
        kind: "http",
        intervalSeconds: 30,
        componentId: null,
        incidentMode: "draft",
        config: {
          url: "http://127.0.0.1:3194/",
          expectedStatus: [200, 204],
          keywordAbsent: false,
          followRedirects: true,
          verifyTls: true,
        },
      }),
    });
  });

  it("names each problem on its own field, config fields included", () => {
    const out = parseMonitorForm(form({ kind: "dns", name: "", intervalSeconds: "5", dnsName: "", recordType: "SRV" }));
    expect(out.ok).toBe(false);
    const errors = (out as { errors: Record<string, string[]> }).errors;
    expect(errors.intervalSeconds).toEqual(["The interval is at least 10 seconds."]);
    expect(errors.recordType).toEqual(["Choose A, AAAA, CNAME, MX, TXT or NS."]);
    expect(Object.keys(errors).sort()).toEqual(["dnsName", "intervalSeconds", "name", "recordType"]);
  });
});
