// Configuration as code on a real SQLite file: a status file is planned (the diff), applied only with yes,
// applied again as no change, exported and re-applied unchanged; bad files are refused with line numbers and
// nothing is written; deletions only with prune.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb } from "@/db";
import { componentGroups, components, integrations, monitors } from "@/db/schema";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import type { World } from "@/services/testing/notification-fixtures";
import { isNull } from "drizzle-orm";
import { runApply, runExport } from "./command";

let world: World;
beforeEach(() => {
  world = useFreshAppDatabase();
});
afterAll(() => closeDb());

const write = (text: string) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "status-yaml-")), "status.yaml");
  fs.writeFileSync(file, text);
  return file;
};

const FILE = `groups:
  - name: Communication
    description: Mail and chat
services:
  - name: Mail
    group: Communication
  - name: Webmail
  - name: VPN
monitors:
  - name: Mail web
    kind: tcp
    service: mail
    intervalSeconds: 60
    config: { host: 127.0.0.1, port: 3205 }
integrations:
  - name: Prometheus
    kind: alertmanager
    matchers:
      - { label: team, value: mail, service: Mail }
`;

const counts = () => ({
  groups: world.db.select().from(componentGroups).all().length,
  services: world.db.select().from(components).where(isNull(components.deletedAt)).all().length,
  monitors: world.db.select().from(monitors).all().length,
  integrations: world.db.select().from(integrations).all().length,
});

describe("npm run admin -- apply / export", () => {
  it("prints the plan, applies only with --yes, then has nothing to do; export round-trips", () => {
    const file = write(FILE);
    const before = counts();
    const plan = runApply(world.db, file, { yes: false, prune: false });
    expect(plan.out).toBe(
      [
        '+ group "Communication"',
        '+ service "Mail"',
        '+ monitor "Mail web"',
        '+ integration "Prometheus"',
        "",
        "Nothing applied: run again with --yes to apply.",
      ].join("\n"),
    );
    expect(counts()).toEqual(before);
    const applied = runApply(world.db, file, { yes: true, prune: false });
    expect(applied.code).toBe(0);
    expect(applied.out).toMatch(
      /Applied 4 change\(s\)\.\nintake URL of "Prometheus" \(shown once\): http:\/\/127\.0\.0\.1:3999\/api\/integrations\/[0-9a-z]{12}\/[\w-]{43}$/,
    );
    expect(counts()).toEqual({ groups: 1, services: 3, monitors: 1, integrations: 1 });
    expect(runApply(world.db, file, { yes: true, prune: false }).out).toBe(
      "No changes: the database already matches the file.",
    );
    const exported = runExport(world.db).out;
    expect(runApply(world.db, write(exported), { yes: false, prune: false }).out).toBe(
      "No changes: the database already matches the file.",
    );
    const changed = runApply(
      world.db,
      write(
        FILE.replace("description: Mail and chat", "description: Mail only").replace(
          "intervalSeconds: 60",
          "intervalSeconds: 30",
        ),
      ),
      { yes: true, prune: false },
    );
    expect(changed.out.split("\n").slice(0, 2)).toEqual([
      '~ group "Communication" (description)',
      '~ monitor "Mail web" (intervalSeconds)',
    ]);
  });

  it("declares a service's public response-time chart, exports it, and turns it off when the key goes", () => {
    const on = FILE.replace("  - name: VPN\n", "  - name: VPN\n    showResponseTime: true\n");
    runApply(world.db, write(on), { yes: true, prune: false });
    const vpn = () =>
      world.db
        .select()
        .from(components)
        .all()
        .find((c) => c.name === "VPN")!;
    expect(vpn().showResponseTime).toBe(true);
    expect(runExport(world.db).out).toContain("showResponseTime: true");
    expect(runApply(world.db, write(runExport(world.db).out), { yes: false, prune: false }).out).toBe(
      "No changes: the database already matches the file.",
    );
    expect(runApply(world.db, write(FILE), { yes: true, prune: false }).out.split("\n")[0]).toBe(
      '~ service "VPN" (showResponseTime)',
    );
    expect(vpn().showResponseTime).toBe(false);
  });

  it("declares a service's availability target, exports it, refuses one above 100 with its line", () => {
    const vpn = () =>
      world.db
        .select()
        .from(components)
        .all()
        .find((c) => c.name === "VPN")!;
    const with99 = FILE.replace("  - name: VPN\n", "  - name: VPN\n    availabilityTarget: 99.95\n");
    runApply(world.db, write(with99), { yes: true, prune: false });
    expect(vpn().availabilityTarget).toBe(99.95);
    expect(runExport(world.db).out).toContain("availabilityTarget: 99.95");
    expect(runApply(world.db, write(runExport(world.db).out), { yes: false, prune: false }).out).toBe(
      "No changes: the database already matches the file.",
    );
    const bad = FILE.replace("  - name: VPN\n", "  - name: VPN\n    availabilityTarget: 101\n");
    const refused = runApply(world.db, write(bad), { yes: true, prune: false });
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/line \d+.*percentage above 0 and at most 100/);
    expect(vpn().availabilityTarget).toBe(99.95);
  });

  it("never deletes unless told (--prune)", () => {
    runApply(world.db, write(FILE), { yes: true, prune: false });
    const smaller = write(FILE.replace(/monitors:[\s\S]*$/, ""));
    expect(runApply(world.db, smaller, { yes: true, prune: false }).out).toBe(
      "No changes: the database already matches the file.",
    );
    const pruned = runApply(world.db, smaller, { yes: true, prune: true });
    expect(pruned.out.split("\n").slice(0, 2)).toEqual(['- integration "Prometheus"', '- monitor "Mail web"']);
    expect(counts()).toMatchObject({ monitors: 0, integrations: 0, services: 3 });
  });

  it("refuses unknown keys, duplicate names, bad values and unknown services with their line numbers; nothing written", () => {
    const before = counts();
    const bad = write(`services:
  - name: Mail
    colour: red
  - name: mail
monitors:
  - name: Mail web
    kind: tcp
    service: Payroll
    intervalSeconds: 5
    config: { host: 127.0.0.1, port: 3205 }
integrations:
  - name: P
    kind: nagios
`);
    const result = runApply(world.db, bad, { yes: true, prune: false });
    expect(result.code).toBe(1);
    expect(result.out).toContain("line 2: services[0]: unknown key(s) colour");
    const second = runApply(
      world.db,
      write(
        `services:\n  - name: Mail\n  - name: mail\nmonitors:\n  - name: M\n    kind: tcp\n    service: Payroll\n    intervalSeconds: 5\n    config: { host: 127.0.0.1, port: 3205 }\nintegrations:\n  - name: P\n    kind: nagios\n`,
      ),
      { yes: true, prune: false },
    );
    expect(second.out).toContain('line 3: services[1].name: duplicate name "mail" (also at services[0])');
    expect(second.out).toContain("line 8: monitors[0].intervalSeconds: The interval is at least 10 seconds");
    expect(second.out).toContain("line 12: integrations[0].kind: Choose a kind: alertmanager, grafana, generic");
    const third = runApply(
      world.db,
      write(
        `services:\n  - name: Mail\nmonitors:\n  - name: M\n    kind: tcp\n    service: Payroll\n    intervalSeconds: 60\n    config: { host: 127.0.0.1, port: 3205 }\n`,
      ),
      { yes: true, prune: false },
    );
    expect(third.out).toContain('line 6: monitors[0].service: no service named "Payroll" in the file');
    expect(runApply(world.db, write("services: [\n  - oops"), { yes: true, prune: false }).out).toMatch(/line \d+:/);
    expect(runApply(world.db, write("services: []\nservices: []\n"), { yes: true, prune: false }).out).toMatch(
      /line 2: .*[Uu]nique/,
    );
    expect(counts()).toEqual(before);
  });
});
