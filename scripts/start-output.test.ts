import { describe, expect, it } from "vitest";
import { routeTableFilter, signInBox } from "./start-output";

// The end of a real `next build` (16.4.6) output, piped (no colours), and a coloured header as on a terminal.
const BUILD = `   ▲ Next.js 16.4.6
   Creating an optimized production build ...
 ✓ Compiled successfully in 14.2s
 ✓ Generating static pages (12/12)
   Finalizing page optimization ...

Route (app)
┌ ƒ /
├ ƒ /admin
└ ƒ /unsubscribe/[token]

ƒ Proxy (Middleware)

ƒ  (Dynamic)  server-rendered on demand
`;

describe("routeTableFilter", () => {
  it("keeps the build's progress and drops the route table and its legend", () => {
    const keep = routeTableFilter();
    const out = BUILD.split("\n").filter(keep).join("\n");
    expect(out).toContain("Compiled successfully");
    expect(out).toContain("Finalizing page optimization");
    expect(out).not.toContain("Route (app)");
    expect(out).not.toContain("/unsubscribe/[token]");
    expect(out).not.toContain("server-rendered on demand");
  });

  it("recognises the header with terminal colours", () => {
    const keep = routeTableFilter();
    expect(keep(" ✓ Compiled")).toBe(true);
    expect(keep("\u001b[4mRoute (app)\u001b[24m")).toBe(false);
    expect(keep("┌ ƒ /")).toBe(false);
  });
});

describe("signInBox", () => {
  const lines = (box: string) => box.split("\n");
  it("frames the URL, the login and a generated password with where to change it", () => {
    const box = signInBox({
      loginUrl: "http://localhost:3000/login",
      email: "admin@example.com",
      generatedPassword: "pw-123456789012",
    });
    expect(box).toContain("http://localhost:3000/login");
    expect(box).toContain("admin@example.com");
    expect(box).toContain("pw-123456789012");
    expect(box).toContain("/admin/account");
    // A closed box: every line as wide as the first.
    const widths = new Set(lines(box).map((l) => [...l].length));
    expect(widths.size).toBe(1);
    expect(lines(box)[0]).toMatch(/^╔═+╗$/);
    expect(lines(box).at(-1)).toMatch(/^╚═+╝$/);
  });

  it("never prints the password from ADMIN_PASSWORD, only where it came from", () => {
    const box = signInBox({ loginUrl: "http://x/login", email: "a@b.c", passwordFromEnv: true });
    expect(box).toContain("ADMIN_PASSWORD");
    expect(box).toContain("a@b.c");
  });

  it("on later starts shows the URL and login, never a password, and how to recover it", () => {
    const box = signInBox({ loginUrl: "http://localhost:3000/login", email: "admin@example.com" });
    expect(box).not.toMatch(/Password: \S/);
    expect(box).toContain("reset-password --email admin@example.com");
  });
});
