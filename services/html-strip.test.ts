import { describe, expect, it } from "vitest";
import { stripFrameworkScripts } from "./html-strip";

describe("stripFrameworkScripts", () => {
  it("drops framework scripts, inline payloads and script preloads, and keeps data-keep scripts and styles", () => {
    const html = [
      '<head><link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>',
      '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/b.js"/>',
      '<script src="/_next/static/chunks/c.js" async=""></script></head>',
      "<body><p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
      '<script src="/page.js" defer="" data-keep=""></script>',
      '<script>(self.__next_f=self.__next_f||[]).push([0])</script><script>self.__next_f.push([1,"x"])</script></body>',
    ].join("");
    const out = stripFrameworkScripts(html);
    expect(out).toContain('href="/_next/static/chunks/a.css"');
    expect(out).toContain('<script src="/page.js" defer="" data-keep=""></script>');
    expect(out).toContain("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
    expect(out).not.toContain("__next_f");
    expect(out).not.toContain("c.js");
    expect(out).not.toContain("b.js");
  });
});
