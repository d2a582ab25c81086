// The console's integration form: textarea rules decoded, bad lines named by number on their field, and the
// copy-paste snippets carrying the intake URL in the places Alertmanager and Grafana read it.
import { describe, expect, it } from "vitest";
import { alertmanagerSnippet, grafanaSnippet } from "@/services/integrations/snippets";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { integrationFromForm, integrationFormText } from "./integration-form";

const services = [
  { id: "aaaaaaaaaaaa", name: "Mail" },
  { id: "bbbbbbbbbbbb", name: "VPN" },
];
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe("integration form", () => {
  it("decodes matcher rules and the severity map, one per line, comments and blank lines skipped", () => {
    const decoded = integrationFromForm(
      form({
        name: "AM",
        kind: "alertmanager",
        matchers: "team=mail -> mail\n\n# vpn\njob = openvpn -> bbbbbbbbbbbb",
        severityMap: "Critical=major_outage\r\ninfo = degraded_performance",
        incidentMode: "draft",
      }),
      services,
    );
    expect(decoded).toEqual({
      ok: true,
      input: {
        name: "AM",
        kind: "alertmanager",
        matchers: [
          { label: "team", value: "mail", componentId: "aaaaaaaaaaaa" },
          { label: "job", value: "openvpn", componentId: "bbbbbbbbbbbb" },
        ],
        severityMap: { critical: "major_outage", info: "degraded_performance" },
        defaultStatus: undefined,
        incidentMode: "draft",
        templateId: null,
      },
    });
    if (decoded.ok)
      expect(
        integrationFormText(decoded.input.matchers as never, decoded.input.severityMap as never, services),
      ).toEqual({
        matchers: "team=mail -> Mail\njob=openvpn -> VPN",
        severityMap: "critical=major_outage\ninfo=degraded_performance",
      });
  });

  it("names each bad line on its field", () => {
    const decoded = integrationFromForm(
      form({ name: "AM", matchers: "team=mail -> Payroll\nnonsense", severityMap: "critical=down" }),
      services,
    );
    expect(decoded).toEqual({
      ok: false,
      errors: {
        matchers: ['Line 1: no service named "Payroll".', "Line 2: write label=value -> service."],
        severityMap: [
          "Line 1: write severity=status, the status one of degraded_performance, partial_outage, major_outage.",
        ],
      },
    });
  });

  it("the Alertmanager snippet passes the real amtool check-config (with the root receiver a real config has)", () => {
    const url = "https://status.example.org/api/integrations/abc/s3cr3t";
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "amtool-")), "alertmanager.yml");
    fs.writeFileSync(file, alertmanagerSnippet(url).replace("route:\n", "route:\n  receiver: status-page\n"));
    if (!fs.existsSync("/usr/bin/amtool"))
      throw new Error("amtool is missing: apt-get install -y prometheus-alertmanager");
    const out = execFileSync("/usr/bin/amtool", ["check-config", file], { encoding: "utf8" });
    expect(out).toContain("SUCCESS");
    expect(alertmanagerSnippet(url)).toContain(`- url: '${url}'`);
    expect(grafanaSnippet(url)).toMatch(
      new RegExp(`type: webhook\\n\\s+settings:\\n\\s+url: '${url.replace(/[/.]/g, "\\$&")}'`),
    );
  });
});
