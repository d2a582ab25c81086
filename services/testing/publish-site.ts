// A tiny "app" on 127.0.0.1 for the publisher's tests: fixed pages the tests can change, answered over real
// HTTP, so the publisher's fetcher, crawl, rewriting and targets run as they do against the server.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface SitePage {
  type: string;
  body: string;
  status?: number;
}

export interface TestSite {
  url: string;
  pages: Map<string, SitePage>;
  requests: string[];
  /** Answers wait this long (a slow render), so a test can interrupt a publish part way. */
  delay: { ms: number };
  close: () => Promise<void>;
}

const html = (body: string): SitePage => ({
  type: "text/html; charset=utf-8",
  body: `<!DOCTYPE html><html><head><link rel="stylesheet" href="/_next/static/css/app.css"/></head><body>${body}<footer><a href="/subscribe">Subscribe</a></footer><script src="/_next/static/chunks/x.js" async=""></script><script src="/page.js" defer="" data-keep=""></script></body></html>`,
});

/** A home page linking an incident, the history and its second page, a stylesheet with a font, the API. */
export function examplePages(incidentIds: string[] = ["inc001"]): Map<string, SitePage> {
  const links = incidentIds.map((id) => `<a href="/incidents/${id}">Incident ${id}</a>`).join("");
  return new Map<string, SitePage>([
    ["/", html(`<h1>All systems operational</h1>${links}<a href="/history">History</a>`)],
    ["/history", html(`<h1>History</h1><a href="/history?page=2">Older</a>`)],
    ["/history?page=2", html(`<h1>History, page 2</h1><a href="/">Home</a>`)],
    ...incidentIds.map((id): [string, SitePage] => [
      `/incidents/${id}`,
      html(`<h1>Incident ${id}</h1><a href="/">Home</a>`),
    ]),
    ["/_next/static/css/app.css", { type: "text/css", body: "@font-face{src:url(/_next/static/media/f.woff2)}" }],
    ["/_next/static/media/f.woff2", { type: "font/woff2", body: "woff2" }],
    ["/page.js", { type: "application/javascript", body: "/* page */" }],
    [
      "/api/v2/summary.json",
      {
        type: "application/json",
        body: JSON.stringify({
          page: { url: "http://localhost:3000" },
          incidents: incidentIds.map((id) => ({ id, shortlink: `http://localhost:3000/incidents/${id}` })),
        }),
      },
    ],
  ]);
}

export async function startTestSite(port: number, pages = examplePages()): Promise<TestSite> {
  const requests: string[] = [];
  const delay = { ms: 0 };
  const server = http.createServer(async (req, res) => {
    const url = req.url ?? "/";
    if (delay.ms) await new Promise((r) => setTimeout(r, delay.ms));
    requests.push(url);
    const page = pages.get(url);
    if (!page) {
      res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
      res.end('<!DOCTYPE html><html><body><h1>Not found</h1><a href="/">Home</a></body></html>');
      return;
    }
    res.writeHead(page.status ?? 200, { "content-type": page.type });
    res.end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    pages,
    requests,
    delay,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
