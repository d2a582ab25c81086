import { describe, expect, it } from "vitest";
import { isSafeLink, renderMarkdown } from "./markdown";

const HOSTILE = [
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  '<iframe src="https://evil.example"></iframe>',
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](java\tscript:alert(1))",
  "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "![pixel](https://tracker.example/p.gif)",
  "![x](data:image/png;base64,AAAA)",
  '<a href="javascript:alert(1)">x</a>',
  "<svg onload=alert(1)>",
  "[proto](//evil.example/x)",
  '<div style="background:url(javascript:alert(1))">x</div>',
];

describe("renderMarkdown", () => {
  it("renders ordinary Markdown", () => {
    const html = renderMarkdown("## What happened\n\n- **bold** and `code`\n- [docs](https://example.org/docs)");
    expect(html).toContain("<h2>What happened</h2>");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain('<a href="https://example.org/docs" rel="nofollow noopener noreferrer">docs</a>');
  });

  it.each(HOSTILE)("never lets %j reach the page as markup", (source) => {
    const html = renderMarkdown(source);
    // Whatever the source said, the only real tags are harmless ones, with no handlers, styles or sources.
    const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
    for (const tag of tags) {
      expect(tag).toMatch(/^<(p|a|br|code|em|strong)[\s>]/);
      expect(tag).not.toMatch(/\s(on\w+|src|style)\s*=/i);
      expect(tag).not.toMatch(/href="\s*(javascript|data|vbscript):/i);
      expect(tag).not.toMatch(/href="\/\//);
    }
    expect(html).not.toMatch(/<(script|iframe|img|svg|div)\b/i);
  });

  it("keeps same-site paths and mail links", () => {
    expect(renderMarkdown("[history](/history)")).toContain('<a href="/history">history</a>');
    expect(renderMarkdown("[mail](mailto:it@example.org)")).toContain('href="mailto:it@example.org"');
  });
});

describe("isSafeLink", () => {
  it.each([
    ["https://example.org", true],
    ["/incidents/abc", true],
    ["javascript:alert(1)", false],
    [" javascript:alert(1)", false],
    ["\u0001javascript:alert(1)", false],
    ["data:text/html,x", false],
    ["//evil.example", false],
    ["ftp://example.org", false],
  ])("%j -> %s", (url, safe) => expect(isSafeLink(url)).toBe(safe));
});
