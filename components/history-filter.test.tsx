// The history page's service filter: plain links (a static copy has no server to answer a form), one per
// service and one for all, the current one marked, in the visitor's language.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { HistoryFilter } from "./history-filter";

const services = [
  { id: "web", name: "Website" },
  { id: "api", name: "API & <Webhooks>" },
];

describe("HistoryFilter", () => {
  it("links every service and all services, and marks the chosen one", () => {
    const html = renderToStaticMarkup(<HistoryFilter locale="en" services={services} selectedId="api" />);
    expect(html).not.toContain("<form");
    expect(html).toContain('<nav aria-labelledby="history-filter-label"');
    expect(html).toContain(">Service<");
    expect(html).toMatch(/<a[^>]*href="\/history"[^>]*>All services<\/a>/);
    expect(html).toMatch(/<a[^>]*href="\/history\?component=web"[^>]*>Website<\/a>/);
    expect(html).toMatch(
      /<a[^>]*aria-current="page"[^>]*href="\/history\?component=api"[^>]*>API &amp; &lt;Webhooks&gt;<\/a>/,
    );
    expect(html.match(/aria-current/g)).toHaveLength(1);
  });

  it("marks all services when none is chosen, speaks the page's language, and keeps a language prefix", () => {
    const html = renderToStaticMarkup(<HistoryFilter locale="de" services={services} basePath="/de/history" />);
    expect(html).toMatch(/<a[^>]*aria-current="page"[^>]*href="\/de\/history"[^>]*>Alle Dienste<\/a>/);
    expect(html).toContain('href="/de/history?component=web"');
    expect(html).toContain(">Dienst<");
  });

  it("says nothing when the page has no services to choose from", () => {
    expect(renderToStaticMarkup(<HistoryFilter locale="en" services={[]} />)).toBe("");
  });
});
