// One Markdown policy everywhere: what the console preview shows is what the public page shows and what every
// subscriber's email carries. Each surface is rendered for real: the page component, the console's preview
// field, and a real notification email rendered from a real incident update in a SQLite file.
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, describe, expect, it } from "vitest";
import { MarkdownField } from "@/components/admin/markdown-field";
import { Markdown } from "@/components/markdown";
import { notificationContext } from "@/db/queries/notifications";
import { insertIncident, insertIncidentUpdate } from "@/db/writes/incidents";
import { enqueueNotification } from "@/db/writes/outbox";
import { renderTemplate } from "@/services/notifications/render";
import { makeWorld } from "@/services/testing/notification-fixtures";

const world = makeWorld();
afterAll(() => world.db.$client.close());

const SITE = "https://status.example.org";

/** The inner HTML of the first element carrying `marker` in its attributes. */
function innerOf(html: string, marker: string): string {
  const start = html.indexOf(marker);
  expect(start, `${marker} in ${html}`).toBeGreaterThan(-1);
  const open = html.indexOf(">", start) + 1;
  const close = html.indexOf("</div>", open);
  return html.slice(open, close);
}

function pageHtml(source: string): string {
  return innerOf(renderToStaticMarkup(<Markdown source={source} />), 'class="prose-status');
}

function previewHtml(source: string): string {
  const markup = renderToStaticMarkup(<MarkdownField name="message" label="Message" state={{}} initial={source} />);
  return innerOf(markup, "data-markdown-preview");
}

let n = 0;
async function emailHtml(body: string): Promise<string> {
  const at = Date.UTC(2026, 10, 23, 15, 6) + n++;
  const notificationId = world.db.transaction((tx) => {
    const incidentId = insertIncident(tx, {
      pageId: world.pageId,
      kind: "incident",
      name: `Webmail ${n}`,
      status: "investigating",
      startedAt: at,
      at,
      componentIds: [],
    });
    const updateId = insertIncidentUpdate(tx, {
      incidentId,
      status: "investigating",
      body,
      displayAt: at,
      at,
      deliverNotifications: true,
    });
    return enqueueNotification(tx, {
      pageId: world.pageId,
      kind: "incident_created",
      incidentId,
      incidentUpdateId: updateId,
      at,
    });
  });
  const rendered = await renderTemplate(notificationContext(world.db, notificationId)!, SITE);
  return rendered.html;
}

const SOURCES = [
  "## What happened\n\nThe **VPN** dropped at 10:02. See [the vendor's note](https://vendor.example/note).\n\n- one\n- two",
  "![pixel](https://tracker.example/pixel.png)",
  "Before ![](https://tracker.example/p.gif) after",
  "[![badge](https://tracker.example/b.png)](https://example.org/x)",
  '<img src="https://tracker.example/p.gif"> and <script>alert(1)</script>',
  "[click](javascript:alert(1)) and ![x](data:image/png;base64,AAAA)",
];

describe("the page, the console preview and the emails", () => {
  it.each(SOURCES)("show the same sanitised HTML for %j", async (source) => {
    const page = pageHtml(source);
    expect(page.length).toBeGreaterThan(0);
    expect(previewHtml(source)).toBe(page);
    expect(await emailHtml(source)).toContain(page);
  });

  it("never turns an image into an <img>: it becomes a link to it, or text", async () => {
    for (const source of SOURCES) {
      for (const html of [pageHtml(source), previewHtml(source), await emailHtml(source)]) {
        expect(html).not.toContain('tracker.example/pixel.png"><img');
        expect(html).not.toMatch(/<img[^>]*tracker\.example/);
        expect(html).not.toMatch(/<img[^>]*data:/);
      }
    }
    expect(pageHtml("![pixel](https://tracker.example/pixel.png)")).toBe(
      '<p><a href="https://tracker.example/pixel.png" rel="nofollow noopener noreferrer">pixel</a></p>\n',
    );
    // A picture inside a link keeps only the link, with the picture's description as its text.
    expect(pageHtml("[![badge](https://tracker.example/b.png)](https://example.org/x)")).toBe(
      '<p><a href="https://example.org/x" rel="nofollow noopener noreferrer">badge</a></p>\n',
    );
  });

  it("gives same-site links the page's address in emails, where there is no site to be relative to", async () => {
    expect(pageHtml("[history](/history)")).toContain('href="/history"');
    expect(previewHtml("[history](/history)")).toContain('href="/history"');
    expect(await emailHtml("[history](/history)")).toContain(`href="${SITE}/history"`);
  });

  it("styles the preview's headings like the page's (## is a heading, not text)", () => {
    const markup = renderToStaticMarkup(
      <MarkdownField name="message" label="Message" state={{}} initial={"## What happened\nA cable."} />,
    );
    const tag = /<div[^>]*data-markdown-preview[^>]*>/.exec(markup)?.[0] ?? "";
    expect(tag).toContain("prose-status");
    expect(previewHtml("## What happened\nA cable.")).toBe("<h2>What happened</h2>\n<p>A cable.</p>\n");
  });
});
