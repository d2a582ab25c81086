import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Button, buttonClass } from "./button";
import { DataTable } from "./data-table";
import { ServicePicker, choiceGroups } from "./service-picker";

const root = path.resolve(import.meta.dirname, "../..");
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return /\.tsx$/.test(name) && !/\.test\.tsx$/.test(name) ? [file] : [];
  });
}
const tree = [...sources(path.join(root, "app")), ...sources(path.join(root, "components"))].map((f) => ({
  file: path.relative(root, f),
  text: readFileSync(f, "utf8"),
}));

const groups = choiceGroups([
  {
    id: "g1",
    name: "Platform",
    components: [
      { id: "api", name: "API" },
      { id: "web", name: "Website" },
    ],
  },
  { id: "other", name: "Other services", components: [{ id: "dns", name: "DNS" }] },
]);

/** The <input> tag with this value (React orders attributes its own way). */
function inputOf(html: string, value: string): string {
  return html.match(new RegExp(`<input[^>]*value="${value}"[^>]*/>`))?.[0] ?? "";
}

describe("ServicePicker", () => {
  it("puts every service in the server HTML as a labelled checkbox, checked as selected", () => {
    const html = renderToStaticMarkup(<ServicePicker groups={groups} name="componentIds" selected={["web"]} />);
    expect(html.match(/type="checkbox"/g)).toHaveLength(3);
    expect(html).toMatch(/<label[^>]*><input[^>]*value="web"[^>]*\/>Website<\/label>/);
    expect(inputOf(html, "web")).toContain('name="componentIds"');
    expect(inputOf(html, "web")).toContain('checked=""');
    expect(inputOf(html, "api")).not.toContain("checked");
    expect(html).toContain("<legend");
    expect(html).toContain(">Platform</legend>");
    expect(html).toContain(">Other services</legend>");
    expect(html).not.toContain("The whole group");
  });

  it("offers a whole-group box only for real groups, and marks the boxes invalid with a described error", () => {
    const html = renderToStaticMarkup(
      <ServicePicker
        groups={groups}
        name="services"
        groupName="groupIds"
        selectedGroups={["g1"]}
        legend="Affected services"
        errors={["Choose a service."]}
        errorId="field-services-error"
      />,
    );
    expect(html.match(/name="groupIds"/g)).toHaveLength(1);
    expect(inputOf(html, "g1")).toMatch(/name="groupIds".*checked=""/);
    expect(html).toMatch(/^<fieldset aria-describedby="field-services-error"><legend[^>]*>Affected services<\/legend>/);
    expect(html.match(/aria-invalid="true"/g)).toHaveLength(4);
    expect(html).toContain('<p id="field-services-error"');
    expect(html).toContain("Choose a service.");
  });

  it("says so when there are no services", () => {
    expect(renderToStaticMarkup(<ServicePicker groups={[]} name="services" />)).toContain("No services yet.");
    expect(
      renderToStaticMarkup(
        <ServicePicker groups={[{ id: null, name: null, services: [] }]} name="x" empty="Add some first." />,
      ),
    ).toContain("Add some first.");
  });

  it("is the only service picker: no other component renders service checkboxes", () => {
    const copies = tree.filter(
      (f) =>
        f.file !== path.join("components", "ui", "service-picker.tsx") &&
        /type="checkbox"[^>]*name="(componentIds|services|groupIds)"|name="(componentIds|services|groupIds)"[^>]*type="checkbox"/.test(
          f.text,
        ),
    );
    expect(copies.map((f) => f.file)).toEqual([]);
  });

  it("has no client code, so it works on the cached public pages without JavaScript", () => {
    const text = readFileSync(path.join(root, "components/ui/service-picker.tsx"), "utf8");
    expect(text).not.toMatch(/"use client"|useState|useEffect|onChange/);
  });
});

describe("DataTable", () => {
  const rows = [
    { id: 1, who: "ann", what: "sign_in" },
    { id: 2, who: "bob", what: "sign_out" },
  ];
  const columns = [
    { header: "Who", cell: (r: (typeof rows)[number]) => r.who },
    { header: "What", className: "font-mono", cell: (r: (typeof rows)[number]) => r.what },
  ];
  it("renders a focusable, labelled scroll region with a caption, column headers and one row per entry", () => {
    const html = renderToStaticMarkup(
      <DataTable
        label="Audit entries"
        caption="Audit entries, newest first"
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        empty="Nothing."
      />,
    );
    expect(html).toMatch(/^<div role="region" aria-label="Audit entries" tabindex="0"/);
    expect(html).toContain('<caption class="sr-only">Audit entries, newest first</caption>');
    expect(html.match(/<th scope="col"/g)).toHaveLength(2);
    expect(html.match(/<tr /g)).toHaveLength(3);
    expect(html).toMatch(/<td class="[^"]*font-mono[^"]*">sign_out<\/td>/);
    expect(html).not.toContain("Nothing.");
  });
  it("shows the empty state instead of an empty table", () => {
    const html = renderToStaticMarkup(
      <DataTable label="x" caption="x" columns={columns} rows={[]} rowKey={(r) => r.id} empty="Nothing matches." />,
    );
    expect(html).not.toContain("<table");
    expect(html).toContain("Nothing matches.");
  });
  it("is what the audit, Sent mail and endpoint (webhook and chat) pages use for their tables", () => {
    // The webhook and chat pages draw their deliveries through the shared endpoint list.
    for (const page of ["app/admin/audit/page.tsx", "app/admin/mail/page.tsx", "components/admin/endpoint-list.tsx"]) {
      const text = tree.find((f) => f.file === page)!.text;
      expect(text, page).toContain("<DataTable");
      expect(text, page).not.toContain("<table");
    }
  });
});

describe("Button", () => {
  it("defaults to type=button and takes the variant's colours", () => {
    const html = renderToStaticMarkup(<Button onClick={() => {}}>Go</Button>);
    expect(html).toMatch(/^<button type="button" class="[^"]*bg-blue-700/);
    expect(
      renderToStaticMarkup(
        <Button type="submit" variant="danger" disabled>
          Delete
        </Button>,
      ),
    ).toMatch(/type="submit" class="[^"]*bg-red-700[^"]*" disabled=""/);
    expect(buttonClass("secondary", "sm")).toContain("text-sm");
  });
  it("is where button styles live: no hand-written button class strings elsewhere", () => {
    const handWritten = tree.filter(
      (f) => !f.file.startsWith(path.join("components", "ui")) && /<button[^>]*className="[^"]*rounded/.test(f.text),
    );
    expect(handWritten.map((f) => f.file)).toEqual([]);
  });
});
