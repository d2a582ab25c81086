import { describe, expect, it } from "vitest";
import { checkLogo, LOGO_MAX_BYTES } from "./logo";

const bytes = (s: string) => new TextEncoder().encode(s);
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe("checkLogo", () => {
  it("recognises PNG, JPEG and a plain SVG by their bytes", () => {
    expect(checkLogo(png)).toEqual({ ok: true, contentType: "image/png" });
    expect(checkLogo(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]))).toEqual({ ok: true, contentType: "image/jpeg" });
    const svg =
      '<?xml version="1.0"?>\n<!-- logo --><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="10" height="10"/><use href="#g"/></svg>';
    expect(checkLogo(bytes(svg))).toEqual({ ok: true, contentType: "image/svg+xml" });
  });

  it("refuses empty, too large and other files", () => {
    expect(checkLogo(new Uint8Array())).toMatchObject({ ok: false, message: "The file is empty." });
    const big = new Uint8Array(LOGO_MAX_BYTES + 1);
    big.set(png);
    expect(checkLogo(big)).toMatchObject({ ok: false, message: expect.stringContaining("the limit is 512 KB") });
    expect(checkLogo(bytes("GIF89a...."))).toMatchObject({ ok: false, message: "Upload a PNG, JPEG or SVG image." });
    expect(checkLogo(bytes("<html><svg></svg></html>"))).toMatchObject({ ok: false });
  });

  it.each([
    ["<svg><script>alert(1)</script></svg>", "a script"],
    ["<svg><SCRIPT >alert(1)</SCRIPT></svg>", "a script"],
    ['<svg onload="alert(1)"></svg>', "event handler"],
    ['<svg><a href="javascript:alert(1)"><rect/></a></svg>', "javascript:"],
    ['<svg><foreignObject><iframe src="x"/></foreignObject></svg>', "embedded content"],
    ['<svg><image href="https://tracker.example/x.png"/></svg>', "embedded content"],
    ['<svg><use xlink:href="https://evil.example/a.svg#x"/></svg>', "link to another file"],
    ["<svg><style>@import url(https://evil.example/a.css);</style></svg>", "CSS import"],
    ['<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]><svg></svg>', "DOCTYPE"],
  ])("refuses an SVG with %s", (svg, what) => {
    const result = checkLogo(bytes(svg));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(what);
  });
});
